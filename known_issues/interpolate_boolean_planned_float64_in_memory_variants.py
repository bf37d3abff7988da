"""interpolate() of a Boolean column keeps Boolean in memory, but the same engine returns the
planned Float64 once a later filter(pl.lit(False)) empties the frame above it.

collect_schema() plans interpolate() of a Boolean column as Float64; the in-memory engine returns
the Boolean column unchanged (see interpolate-boolean-planned-float64), except when the plan's
result is known empty (a filter(pl.lit(False)) above interpolate() that stays there): then it
returns the empty frame with the planned Float64. Which of the two a query gets depends on the
optimizer (in the conformance run `...interpolate()...filter(pl.lit(False), ...)` gave Boolean with
every pass on and Float64 with predicate_pushdown or collapse_joins off, in memory). This script
shows it with every pass on: the same interpolate() emptied by a filter changes dtype.
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

lf = pl.LazyFrame({"b": [True, None, False]}, schema={"b": pl.Boolean}).interpolate()
# the interpolated rows, emptied afterwards, against the same query emptied by a filter
expected = lf.collect(engine="in-memory").clear()
got = lf.filter(pl.lit(False)).collect(engine="in-memory")
print(
    f"Polars {pl.__version__}: planned {lf.collect_schema()['b']}; in-memory interpolate() {expected['b'].dtype}; "
    f"interpolate().filter(pl.lit(False)) {got['b'].dtype}"
)
try:
    assert_frame_equal(expected, got)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
