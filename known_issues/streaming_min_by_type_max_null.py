"""A streaming select of v.min_by(v) is null where the smallest value is its dtype's maximum.

`select(pl.col("v").min_by("v"))` over one Int32 row holding 2147483647 is that value in memory
and null on the streaming engine (max_by, and min_by inside group_by, answer). Found by the
select_min_by_max_by check on Polars 1.44.2. Exits 1 while the engines disagree, 0 once fixed.
Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

query = pl.LazyFrame({"v": [2147483647]}, schema={"v": pl.Int32}).select(
    v_min_by=pl.col("v").min_by("v")
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory.rows()}, streaming {streaming.rows()}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
