"""DataFrame.transpose multiplies a Decimal with a non-zero scale by 10**scale.

Transposing a Decimal(10, 2) frame turns 1.50 into 150.00, so transposing twice does not give the
frame back. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import decimal
import sys

import polars as pl

df = pl.DataFrame(
    {
        "a": [decimal.Decimal("1.50"), None],
        "b": [decimal.Decimal("2.25"), decimal.Decimal("-0.01")],
    },
    schema={"a": pl.Decimal(10, 2), "b": pl.Decimal(10, 2)},
)
once = df.transpose()
twice = once.transpose(column_names=df.columns)
print(f"Polars {pl.__version__}")
print(f"input:\n{df}\ntransposed:\n{once}\ntransposed twice:\n{twice}")
sys.exit(0 if df.equals(twice) else 1)
