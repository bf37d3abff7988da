"""rolling_skew/rolling_kurtosis of an empty column panic on Polars 1.44.

`pl.col("k").rolling_skew(window_size=3)` on a frame with no rows raises PanicException ("range end
index 1 out of range for slice of length 0") on both engines of 1.44.2 (Series.rolling_skew too);
2.1.0 returns the empty Float64 column.
Exits 1 while the panic exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

query = pl.LazyFrame({"k": []}, schema={"k": pl.Int8}).select(
    pl.col("k").rolling_skew(window_size=3)
)
try:
    got = query.collect(engine="in-memory")
except PanicException as exc:
    print(
        f"Polars {pl.__version__}: in-memory rolling_skew of no rows panicked: {str(exc).splitlines()[0]}"
    )
    sys.exit(1)
print(f"Polars {pl.__version__}: in-memory rolling_skew of no rows returned {got.schema}")
sys.exit(0)
