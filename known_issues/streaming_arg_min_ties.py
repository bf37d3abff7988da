"""arg_min/arg_max on the streaming engine return a later index when the extreme value is tied.

For 500 equal values the in-memory engine (and Series.arg_min) answer 0, the first occurrence; the
streaming engine answers 250, the first occurrence inside a later morsel. Exits 1 while the
discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

query = pl.LazyFrame({"v": [0] * 500}).select(
    arg_min=pl.col("v").arg_min(), arg_max=pl.col("v").arg_max()
)
in_memory = query.collect(engine="in-memory").row(0)
streaming = query.collect(engine="streaming").row(0)
print(f"Polars {pl.__version__}: in-memory {in_memory}, streaming {streaming}")
sys.exit(0 if in_memory == streaming else 1)
