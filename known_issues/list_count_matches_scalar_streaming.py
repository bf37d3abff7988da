"""list.count_matches with a scalar aggregation as its element (`c("x").first()`) raises on the
streaming engine ("argument expression in `list.count_matches` must produce exactly one element,
got 2"); the in-memory engine counts the matches.

Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

query = pl.LazyFrame({"l": [[1, 2], [1], [3], None, [1, 1]], "x": [1, 2, 3, 4, 5]}).select(
    n=pl.col("l").list.count_matches(pl.col("x").first())
)


def run(engine: str) -> object:
    try:
        return query.collect(engine=engine)["n"].to_list()
    except Exception as exc:  # the discrepancy: one engine raises
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


in_memory, streaming = run("in-memory"), run("streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory}")
if isinstance(streaming, str) and not isinstance(in_memory, str):
    print(f"baseline returned a frame; this cell raised {streaming}")
sys.exit(0 if in_memory == streaming else 1)
