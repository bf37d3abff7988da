"""Negating an unsigned column raises in memory but not on the streaming engine when the frame is empty.

`-col` has no kernel for unsigned integers: both engines raise InvalidOperationError on any
input, except that the streaming engine returns an empty frame for an empty one when the same
`select` also holds an aggregation. Exits 1 while the discrepancy exists, 0 once fixed.
Needs nothing but Polars.
"""

import sys

import polars as pl

query = pl.LazyFrame(schema={"a": pl.UInt8}).select(neg=-pl.col("a"), max=pl.col("a").max())
outcomes = {}
for engine in ("in-memory", "streaming"):
    try:
        outcomes[engine] = f"returned {query.collect(engine=engine).shape}"
    except pl.exceptions.InvalidOperationError as exc:
        outcomes[engine] = f"raised {type(exc).__name__}"
print(f"Polars {pl.__version__}: {outcomes}")
sys.exit(0 if len(set(outcomes.values())) == 1 else 1)
