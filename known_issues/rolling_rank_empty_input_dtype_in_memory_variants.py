"""rolling_rank() of an empty input keeps the input's dtype in memory, but the same engine returns
the planned Float64 once a filter(pl.lit(False)) above it empties the frame.

collect_schema() plans rolling_rank() (method='average') as Float64; over no rows the in-memory
engine returns the input's dtype (Int8) instead (see rolling-rank-empty-group-list-panic), except
when the plan's result is known empty (a filter/remove of a literal above it that the optimizer
folds): then the planned Float64 comes back. Seen in the conformance run (2.1.0) as
`.select(c("k").rolling_rank(window_size=2)).remove(pl.lit(True))` over an empty Int8 column:
Float64 with every pass on, Int8 with simplify_expression off (in memory). Shown here with every
pass on. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

lf = pl.LazyFrame({"k": []}, schema={"k": pl.Int8}).select(
    e=pl.col("k").rolling_rank(window_size=2)
)
expected = lf.collect(engine="in-memory")
got = lf.remove(pl.lit(True)).collect(engine="in-memory")
print(
    f"Polars {pl.__version__}: planned {lf.collect_schema()['e']}; in-memory rolling_rank() "
    f"{expected['e'].dtype}; rolling_rank().remove(pl.lit(True)) {got['e'].dtype}"
)
try:
    assert_frame_equal(got, expected)  # the suite's order: the baseline (all passes on) left
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
