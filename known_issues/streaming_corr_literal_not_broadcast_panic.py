"""pl.corr/pl.cov of a column with a literal panics on the streaming engine: the literal is not broadcast.

pl.corr("w", pl.lit(0)) over three rows is NaN in memory (a constant has no variance); the
streaming engine panics with "assertion failed: x.len() == y.len()" (on 1.25 the in-memory engine
panics too, with "expected arrays of the same length"). Exits 1 while the streaming engine panics,
0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

query = pl.LazyFrame({"w": [1.0, 2.0, 4.0]}).select(
    corr=pl.corr("w", pl.lit(0.0)), cov=pl.cov("w", pl.lit(0.0))
)
print(f"Polars {pl.__version__}")
try:
    print(f"in-memory: {query.collect(engine='in-memory').rows()}")
except PanicException as exc:
    print(f"in-memory: panicked: {str(exc).splitlines()[0]}")
try:
    got = query.collect(engine="streaming")
except PanicException as exc:  # the suite's wording for a panic of the cell
    print(f"streaming: panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"streaming: {got.rows()}: the discrepancy is fixed")
sys.exit(0)
