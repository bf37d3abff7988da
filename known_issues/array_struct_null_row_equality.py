"""Series.equals / assert_series_equal compare the struct values hidden under a null Array row.

Two Array(Struct) Series with the same values, [None, [{"x": 2}]], compare unequal when one of
them still holds a struct under its null row (as `when/then` leaves it, and as generated data has
it) and the other holds a null there (as a parquet or NDJSON round trip leaves it).
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

dtype = pl.Array(pl.Struct({"x": pl.Int64}), 1)
full = pl.Series("a", [[{"x": 1}], [{"x": 2}]], dtype=dtype)
hidden = pl.select(pl.when(pl.Series([False, True])).then(full)).to_series()
clean = pl.Series("a", [None, [{"x": 2}]], dtype=dtype)
print(f"Polars {pl.__version__}: {hidden.to_list()} vs {clean.to_list()}")
print(f"equals: {hidden.equals(clean)}")
sys.exit(0 if hidden.equals(clean) else 1)
