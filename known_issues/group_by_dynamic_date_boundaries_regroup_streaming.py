"""group_by_dynamic(include_boundaries=True) over a Date index plans its boundary columns as Date
but returns Datetime('us') ones (group-by-dynamic-boundaries-planned-date); a second
group_by_dynamic indexed by a boundary column, after a unique() over the boundaries, then returns
that column on the streaming engine as the planned Date with wrong values (2573-06-24 for
1999-12-31), where the in-memory engine keeps the Datetimes.

Seen on 1.44.2; 2.1.0 plans the boundaries as Datetime and agrees.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl
from polars.testing import assert_frame_equal

frame = pl.LazyFrame({"k": [datetime.date(2000, 1, 5), datetime.date(2000, 3, 7)]})
query = (
    frame.group_by_dynamic("k", every="1mo", include_boundaries=True)
    .agg()
    .unique(keep="none", maintain_order=True)
    .group_by_dynamic("_lower_boundary", every="2d")
    .agg()
)
expected = query.collect(engine="in-memory")
got = query.collect(engine="streaming")
print(f"Polars {pl.__version__}, planned {query.collect_schema()['_lower_boundary']}")
print(
    f"in memory: {expected['_lower_boundary'].to_list()} ({expected.schema['_lower_boundary']!r})"
)
print(f"streaming: {got['_lower_boundary'].to_list()} ({got.schema['_lower_boundary']!r})")
try:
    assert_frame_equal(expected, got)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
