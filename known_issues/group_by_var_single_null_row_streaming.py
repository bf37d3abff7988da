"""group_by var/std with ddof=0 of a single null row is 0.0 on the streaming engine, null in memory.

A group whose only value is null has no variance: the in-memory engine (and a group with two null
rows on either engine) gives null, while the streaming engine gives 0.0 when the frame holds just
that one null row. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

query = (
    pl.LazyFrame({"k": ["a"], "v": pl.Series([None], dtype=pl.Float64)})
    .group_by("k")
    .agg(var0=pl.col("v").var(ddof=0), std0=pl.col("v").std(ddof=0))
)
in_memory = query.collect(engine="in-memory").rows()
streaming = query.collect(engine="streaming").rows()
print(f"Polars {pl.__version__}: in-memory {in_memory}, streaming {streaming}")
sys.exit(0 if in_memory == streaming else 1)
