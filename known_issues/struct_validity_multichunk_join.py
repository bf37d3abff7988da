"""A left join drops the outer validity of a null struct column when the left frame has several
chunks, on the in-memory engine only: null structs come back as structs of nulls.

Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

part = pl.DataFrame(
    {"k": [None, None, 0], "a": [None, None, None]},
    schema={"k": pl.Int8, "a": pl.Struct({"f0": pl.Int8})},
)
left = pl.concat([part, part], rechunk=False)  # two chunks
right = pl.DataFrame({"k": [0, 0], "b": [1, 2]}, schema={"k": pl.Int8, "b": pl.Int8})
query = left.lazy().join(right.lazy(), on="k", how="left")
nulls = {e: query.collect(engine=e)["a"].null_count() for e in ("in-memory", "streaming")}
print(f"Polars {pl.__version__}: input has {left['a'].null_count()} null structs; output {nulls}")
sys.exit(0 if nulls["in-memory"] == nulls["streaming"] else 1)
