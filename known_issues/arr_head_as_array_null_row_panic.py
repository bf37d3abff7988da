"""arr.head/tail/slice(as_array=True) of an Array column with a null row panic on every engine.

`pl.col("a").arr.head(2, as_array=True)` on Array(Int64, 3) values [[1, 2, 3], None] raises
PanicException: called `Result::unwrap()` on an `Err` value: ComputeError("length of values (1) is
not equal to given length (2) in FixedSizeListArray(2)."): the null row gets no values. Seen on
1.44.2 and 2.1.0 (arr.tail and arr.slice alike).
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

query = pl.LazyFrame({"a": [[1, 2, 3], None]}, schema={"a": pl.Array(pl.Int64, 3)}).select(
    pl.col("a").arr.head(2, as_array=True)
)
try:
    got = query.collect(engine="in-memory")
except PanicException as exc:
    print(f"Polars {pl.__version__}: arr.head(as_array=True) panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"Polars {pl.__version__}: arr.head(as_array=True) returned {got.rows()}")
sys.exit(0)
