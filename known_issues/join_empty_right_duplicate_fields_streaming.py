"""An inner or semi join whose right side is empty and whose left side raises (here
cum_sum_horizontal() given the same column twice, whose struct of running sums would hold two
fields of one name): the in-memory engine raises DuplicateError (multiple fields with name 'e0'
found), the 2.1 streaming engine never evaluates the left side and returns an empty frame.

The cause of join-empty-right-left-error-streaming (2.1 skips one join input when the other is
empty), with another error. Seen on 2.1.0 (conformance query: with_columns(cum_sum_horizontal(e0,
e0.cumulative_eval(...), e0)), unnest, an inner join with the empty input frame); 1.44.2 raises on
both engines. Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs
nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
left = pl.LazyFrame({"e0": [1, 2]}, schema={"e0": pl.Int16}).with_columns(
    pl.cum_sum_horizontal(c("e0"), c("e0")).alias("s")
)
right = pl.LazyFrame({"e0": []}, schema={"e0": pl.Int16})


def run(query: pl.LazyFrame, engine: str) -> str:
    try:
        return f"frame {query.collect(engine=engine).shape}"
    except pl.exceptions.PolarsError as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for how in ("inner", "semi"):
    query = left.join(right, on="e0", how=how)
    in_memory, streaming = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, {how} join, empty right side: in-memory {in_memory}; streaming {streaming}"
    )
    if not in_memory.startswith("frame") and streaming.startswith("frame"):
        print(f"baseline raised {in_memory}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
