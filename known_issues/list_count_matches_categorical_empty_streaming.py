"""list.count_matches of an empty List(Categorical) column raises in memory but not on the
streaming engine when the element is a scalar aggregation.

The element `l.list.first().first()` of an empty column is null, and counting a null in a
List(Categorical) raises ComputeError ("cannot compare categorical with null") in memory; the
streaming engine returns an empty frame instead.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

frame = pl.DataFrame({"l": []}, schema={"l": pl.List(pl.Categorical)})
query = frame.lazy().select(pl.col("l").list.count_matches(pl.col("l").list.first().first()))


def run(engine: str) -> str:
    try:
        return f"frame {query.collect(engine=engine).shape}"
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


in_memory, streaming = run("in-memory"), run("streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory}; streaming {streaming}")
sys.exit(0 if in_memory.split(":")[0] == streaming.split(":")[0] else 1)
