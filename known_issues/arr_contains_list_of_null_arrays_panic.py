"""arr.contains on an Array(List) column of null rows panics: assertion `left == right` failed.

An Array(List(Int8), 1) column holding two null rows; arr.contains(arr.last()) panics in memory on
1.35 and 1.44 (2.x answers null). Exits 1 while the panic exists, 0 once fixed. Needs nothing but
Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

a = pl.col("a")
df = pl.DataFrame({"a": [None, None]}, schema={"a": pl.Array(pl.List(pl.Int8), 1)})
print(f"Polars {pl.__version__}")
try:
    out = df.lazy().select(a.arr.contains(a.arr.last())).collect(engine="in-memory")
except PanicException as exc:
    print(f"arr.contains panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"arr.contains gave {out.to_series().to_list()}")
sys.exit(0)
