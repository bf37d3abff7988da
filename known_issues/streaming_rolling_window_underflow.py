"""rolling() on the streaming engine counts no rows when the window start underflows Datetime(ns).

For a Datetime(ns) index near the minimum (1677-09-21), `t - period` wraps around the i64 range.
Three rows at that instant: the in-memory engine counts 3 in each window, the streaming engine 0
(1.35 counts 3 on both). Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

t = pl.Series("t", [-9_223_372_036_854_775_000] * 3).cast(pl.Datetime("ns"))
query = t.to_frame().lazy().rolling("t", period="1y").agg(n=pl.len())
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: t = {t[0]}")
try:  # the suite's comparison: the in-memory baseline on the left, then both frames
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(f"{exc}\n--- expected (baseline) ---\n{in_memory}\n--- got ---\n{streaming}")
    sys.exit(1)
sys.exit(0)
