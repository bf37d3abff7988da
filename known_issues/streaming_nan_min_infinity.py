"""nan_min of a column of +inf is the largest finite float on the streaming engine (1.44).

The streaming reduction starts from the largest finite value instead of +inf, so nan_min([inf])
is 1.7976931348623157e+308 (nan_max([-inf]) likewise); in memory it is inf. Fixed in 2.x.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import math
import sys

import polars as pl

query = pl.LazyFrame({"f": [math.inf, math.inf]}).select(
    nan_min=pl.col("f").nan_min(), nan_max=(-pl.col("f")).nan_max()
)
in_memory = query.collect(engine="in-memory").row(0)
streaming = query.collect(engine="streaming").row(0)
print(f"Polars {pl.__version__}: in-memory {in_memory}, streaming {streaming}")
sys.exit(0 if in_memory == streaming else 1)
