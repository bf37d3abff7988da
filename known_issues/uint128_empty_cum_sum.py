"""cum_sum of an empty UInt128 column is Int64 on the streaming engine, UInt128 in memory.

Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

query = pl.LazyFrame(schema={"v": pl.UInt128}).select(pl.col("v").cum_sum())
in_memory = query.collect(engine="in-memory").schema
streaming = query.collect(engine="streaming").schema
print(f"Polars {pl.__version__}: in-memory {in_memory}, streaming {streaming}")
sys.exit(0 if in_memory == streaming else 1)
