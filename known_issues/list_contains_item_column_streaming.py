"""list.contains with a per-row item (`l.list.first()`) is wrong on the streaming engine when the
column has several chunks: every list contains its own first element, yet the streaming engine
answers False for some rows (in memory: all True).

Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

part = pl.DataFrame({"l": [[2], [1]]})
frame = pl.concat([part, part, part], rechunk=False)  # three chunks of two rows
query = frame.lazy().select(pl.col("l").list.contains(pl.col("l").list.first()))
in_memory = query.collect(engine="in-memory")["l"].to_list()
streaming = query.collect(engine="streaming")["l"].to_list()
print(f"Polars {pl.__version__}: in-memory {in_memory}, streaming {streaming}")
sys.exit(0 if in_memory == streaming else 1)
