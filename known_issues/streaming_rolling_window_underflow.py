"""rolling() on the streaming engine counts no rows when the window start underflows Datetime(ns).

For a Datetime(ns) index near the minimum (1677-09-21), `t - period` wraps around the i64 range.
Three rows at that instant: the in-memory engine counts 3 in each window, the streaming engine 0
(1.35 counts 3 on both). Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

t = pl.Series("t", [-9_223_372_036_854_775_000] * 3).cast(pl.Datetime("ns"))
query = t.to_frame().lazy().rolling("t", period="1y").agg(n=pl.len())
in_memory = query.collect(engine="in-memory")["n"].to_list()
streaming = query.collect(engine="streaming")["n"].to_list()
print(
    f"Polars {pl.__version__}: t = {t[0]}; len per window in-memory {in_memory}, streaming {streaming}"
)
sys.exit(0 if in_memory == streaming else 1)
