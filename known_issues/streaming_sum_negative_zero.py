"""The sum of a group holding one -0.0 is -0.0 in memory and 0.0 on the streaming engine.

Per group (group_by().agg() and sum().over()): the in-memory engine returns a one-row group's
value itself, so -0.0 keeps its sign; the streaming engine adds it to +0.0 and answers 0.0. The
comparison sees the sign once the sum is cast to a string. Exits 1 while the discrepancy exists,
0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

query = pl.LazyFrame({"k": [1], "v": [-0.0]}, schema={"k": pl.Int8, "v": pl.Float32}).select(
    w=pl.col("v").sum().over("k").cast(pl.String)
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory['w'][0]}, streaming {streaming['w'][0]}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
