"""mean() of a wide Int128 column: the in-memory engine sums in floating point, streaming exactly.

For [null, 1, 2**53, -2**53 + 999999940] the exact mean is 333333313.6666667; the streaming engine
returns it, the in-memory engine 333333313.3333333 (the sum was taken in f64, where 2**53 + 1 is
2**53). Without the null both engines take the f64 path. Exits 1 while the engines disagree, 0 once they agree. Needs nothing but Polars.
"""

import sys

import polars as pl

values = [None, 1, 2**53, -(2**53) + 999_999_940]
query = pl.LazyFrame({"v": values}, schema={"v": pl.Int128}).select(pl.col("v").mean())
in_memory = query.collect(engine="in-memory").item()
streaming = query.collect(engine="streaming").item()
print(
    f"Polars {pl.__version__}: exact {sum(values[1:]) / 3!r}, in-memory {in_memory!r}, streaming {streaming!r}"
)
sys.exit(0 if in_memory == streaming else 1)
