"""Reversing an Array column whose inner dtype is not numeric panics ("not yet implemented").

`LazyFrame.reverse()` and `Expr.reverse()` on e.g. Array(String, 1) raise PanicException instead of
returning the reversed column (or raising a Polars error), even on an empty frame. The streaming
engine of 2.x reverses it natively; the in-memory engine panics on every release since 1.25.
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

lf = pl.LazyFrame({"x": [["a"], None]}, schema={"x": pl.Array(pl.String, 1)})
try:
    got = lf.reverse().collect(engine="in-memory")
except PanicException as exc:
    print(f"Polars {pl.__version__}: in-memory reverse panicked: {exc}")
    sys.exit(1)
print(f"Polars {pl.__version__}: in-memory reverse returned {got['x'].to_list()}")
sys.exit(0 if got["x"].to_list() == [None, ["a"]] else 1)
