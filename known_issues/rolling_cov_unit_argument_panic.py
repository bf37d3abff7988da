"""rolling_cov/rolling_corr of a column holding nulls with a unit-length argument panic in memory.

`pl.rolling_cov(pl.col("x"), pl.lit(1.0), window_size=2)` on [None, 2.0, 3.0] raises
PanicException ("validity must be equal to the array's length") on the in-memory engine; on 2.1 the
streaming engine broadcasts the literal and returns [None, None, 0.0] (on 1.44 it panics too).
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

query = pl.LazyFrame({"x": [None, 2.0, 3.0]}).select(
    cov=pl.rolling_cov(pl.col("x"), pl.lit(1.0), window_size=2),
)
try:
    got = query.collect(engine="in-memory")
except PanicException as exc:
    print(f"Polars {pl.__version__}: in-memory rolling_cov panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"Polars {pl.__version__}: in-memory rolling_cov returned {got.rows()}")
sys.exit(0)
