"""DataFrame.transpose multiplies a Decimal with a non-zero scale by 10**scale.

Transposing a Decimal(10, 2) frame turns 1.50 into 150.00, so transposing twice does not give the
frame back. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import decimal

import polars as pl
from polars.testing import assert_frame_equal

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
try:  # the property's comparison: the frame on the left
    assert_frame_equal(df, twice, check_exact=True)
except AssertionError as exc:
    print(f"transpose twice\n{exc}")
    sys.exit(1)
sys.exit(0)
