"""list.contains with a per-row item (`l.list.first()`) is wrong on the streaming engine when the
column has several chunks: every list contains its own first element, yet the streaming engine
answers False for some rows (in memory: all True).

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

part = pl.DataFrame({"l": [[2], [1]]})
frame = pl.concat([part, part, part], rechunk=False)  # three chunks of two rows
query = frame.lazy().select(contains_first=pl.col("l").list.contains(pl.col("l").list.first()))
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
