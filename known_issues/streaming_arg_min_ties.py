"""arg_min/arg_max on the streaming engine return a later index when the extreme value is tied.

For 500 equal values the in-memory engine (and Series.arg_min) answer 0, the first occurrence; the
streaming engine answers 250, the first occurrence inside a later morsel. Exits 1 while the
discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

query = pl.LazyFrame({"v": [0] * 500}).select(
    arg_min=pl.col("v").arg_min(), arg_max=pl.col("v").arg_max()
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory.row(0)}, streaming {streaming.row(0)}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
