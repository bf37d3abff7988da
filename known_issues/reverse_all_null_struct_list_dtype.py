"""reverse() of an all-null Struct({"f0": List(Int8)}) column changes the field to List(Null).

The plan's schema keeps List(Int8) (so does the streaming engine on 2.x); the in-memory engine and
Series.reverse return Struct({"f0": List(Null)}). Exits 1 while the dtype changes, 0 once fixed.
Needs nothing but Polars.
"""

import sys

import polars as pl

df = pl.DataFrame({"x": [None, None]}, schema={"x": pl.Struct({"f0": pl.List(pl.Int8)})})
got = df.lazy().reverse().collect(engine="in-memory").schema
print(f"Polars {pl.__version__}: input {df.schema}, reversed in memory {got}")
sys.exit(0 if got == df.schema else 1)
