"""list.count_matches with a scalar aggregation as its element (`c("x").first()`) raises on the
streaming engine ("argument expression in `list.count_matches` must produce exactly one element,
got 2"); the in-memory engine counts the matches.

Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys

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
print(f"Polars {pl.__version__}: in-memory {in_memory}, streaming {streaming}")
sys.exit(0 if in_memory == streaming else 1)
