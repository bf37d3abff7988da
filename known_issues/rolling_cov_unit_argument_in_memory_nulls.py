"""rolling_cov/rolling_corr of a column without nulls and a unit-length argument (a literal, a
count()) is all null in memory.

`pl.rolling_cov(pl.col("x"), pl.lit(4.0), window_size=3)` on [1.0, 1.0, 1.0, 0.0, 2.0] returns
[None] * 5 on the in-memory engine, where broadcasting the literal to a column first gives
[None, None, 0.0, 0.0, 0.0] (rolling_corr: NaN). 2.1's streaming engine broadcasts the literal
and answers; 1.44's streaming engine is all null too. (Where the column holds nulls the in-memory
engine panics instead: see rolling_cov_unit_argument_panic.py.) Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

c = pl.col
frame = pl.LazyFrame({"x": [1.0, 1.0, 1.0, 0.0, 2.0]})
got = frame.select(cov=pl.rolling_cov(c("x"), pl.lit(4.0), window_size=3))
# the same with the literal broadcast to a column first
expected = frame.select(cov=pl.rolling_cov(c("x"), pl.lit(4.0) + 0 * c("x"), window_size=3))
print(f"Polars {pl.__version__}")
print(f"in-memory, unit argument: {got.collect(engine='in-memory')['cov'].to_list()}")
print(f"streaming, unit argument: {got.collect(engine='streaming')['cov'].to_list()}")
print(f"in-memory, broadcast column: {expected.collect(engine='in-memory')['cov'].to_list()}")
try:
    assert_frame_equal(got.collect(engine="in-memory"), expected.collect(engine="in-memory"))
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
