"""group_by_dynamic(include_boundaries=True) of an empty frame, then a filter by a literal: the
in-memory result keeps the boundary columns only when simplify_expression is on.

In memory, an empty group_by_dynamic(include_boundaries=True) returns no _lower_boundary/
_upper_boundary columns though collect_schema() plans them (group-by-dynamic-empty-boundaries-
schema). With every pass on, `.remove(pl.lit(True))` after it is simplified into an empty frame of
the planned schema, which has the boundaries; with simplify_expression off the filter runs over the
computed frame, which lacks them, so the two in-memory runs disagree on the columns.
Seen on 1.44.2 (in-memory lane, variants -simplify_expression and none); 2.1.0 keeps the boundary
columns in memory. Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run.
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

query = (
    pl.LazyFrame(schema={"t": pl.Date})
    .group_by_dynamic("t", every="2d", include_boundaries=True)
    .agg(n=pl.len())
    .remove(pl.lit(True))
)
print(f"Polars {pl.__version__}: planned {query.collect_schema().names()}")
all_on = query.collect(engine="in-memory")
off = query.collect(engine="in-memory", optimizations=pl.QueryOptFlags(simplify_expression=False))
print(f"in-memory, all passes on: {all_on.columns}\nin-memory, -simplify_expression: {off.columns}")
try:
    assert_frame_equal(all_on, off)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
print("the runs agree: fixed")
sys.exit(0)
