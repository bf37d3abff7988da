"""UInt128 plus a UInt128 cum_sum is Int128 in a lazy query and UInt128 eagerly.

The lazy planner types cum_sum() of UInt128 as Int64 (uint128-cumulative-planned-int64-schema), so
`doubled + cum` gets the supertype of UInt128 and Int64, Int128, and the result is cast to it; the
eager DataFrame methods see the real UInt128 column and keep UInt128. Exits 1 while the
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

c = pl.col
frame = pl.DataFrame({"v": [1, 2]}, schema={"v": pl.UInt128})


def query(f):
    return f.select_seq(doubled=c("v") * 2, cum=c("v").cum_sum()).with_columns_seq(
        total=c("doubled") + c("cum")
    )


lazy = query(frame.lazy()).collect(engine="in-memory")
eager = query(frame)
print(f"Polars {pl.__version__}: lazy total {lazy.schema['total']}, eager {eager.schema['total']}")
try:  # the suite's comparison: the lazy in-memory baseline on the left
    assert_frame_equal(lazy, eager)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
