"""A streaming full join with maintain_order="right_left" emits the unmatched left rows grouped by
key instead of in the left frame's order (the in-memory engine keeps that order).

Upstream: https://github.com/pola-rs/polars/issues/29362 (fixed by pull request 29371).
Exits 1 while the engines disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

left = pl.LazyFrame({"k": [2, 1] * 20, "a": list(range(40))})
right = pl.LazyFrame(schema={"k": pl.Int64, "b": pl.Int64})
query = left.join(right, on="k", how="full", maintain_order="right_left")
in_memory = query.collect(engine="in-memory")["a"].to_list()
streaming = query.collect(engine="streaming")["a"].to_list()
print(f"Polars {pl.__version__}: in-memory {in_memory[:6]}..., streaming {streaming[:6]}...")
sys.exit(0 if in_memory == streaming else 1)
