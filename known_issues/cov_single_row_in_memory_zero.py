"""pl.cov of a one-row column is 0.0 in memory and null on the streaming engine (1.40 to 2.0).

The sample covariance (ddof=1) of a single pair of values has no value: the streaming engine
answers null (as 2.1 and 1.39 do on both engines); the in-memory engine answers 0.0. Exits 1
while the engines differ, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

query = pl.LazyFrame({"k": [0.5]}).select(cov=pl.cov("k", "k"))
expected = query.collect(engine="in-memory")
got = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: in-memory {expected.rows()}, streaming {got.rows()}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(expected, got)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
