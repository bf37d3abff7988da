"""quantile() of a Date column without a non-null value panics on every engine.

`pl.col("t").quantile(0.5)` (any interpolation; LazyFrame.quantile too) of a Date column holding
only nulls, or no rows, raises PanicException ("called `Option::unwrap()` on a `None` value") in
memory and streaming, on 1.44.2 and 2.1.0; median() of the same column, and quantile() of an Int64
or Datetime column of nulls, return null.
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

query = pl.LazyFrame({"t": [None]}, schema={"t": pl.Date}).select(pl.col("t").quantile(0.5))
try:
    got = query.collect(engine="in-memory")
except PanicException as exc:
    print(f"Polars {pl.__version__}: quantile of a null Date panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"Polars {pl.__version__}: quantile of a null Date returned {got.rows()}")
sys.exit(0)
