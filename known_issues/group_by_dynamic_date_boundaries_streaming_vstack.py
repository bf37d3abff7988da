"""Date-index group_by_dynamic boundaries, grouped again, raise SchemaError on the streaming engine.

The boundary columns are planned as Date (collect_schema()) but computed as Datetime('us')
(group-by-dynamic-boundaries-planned-date). A second group_by_dynamic that receives them makes
the streaming engine stack its morsels under the planned schema: SchemaError: type Datetime('μs')
is incompatible with expected type Date (failed to vstack column '_lower_boundary'); the
in-memory engine returns the frame. Seen in the conformance run (1.44.2, streaming and
streaming-small-morsels, projection_pushdown off and no passes: with it on, the unused boundary
columns are pruned); with every pass on it shows when the second aggregation uses a boundary
column, as here. 2.1 plans Datetime and answers. Exits 1 while the discrepancy exists, 0 once
fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl

c = pl.col
windows = (
    pl.LazyFrame({"y": [datetime.date(2020, 1, 1), datetime.date(2020, 1, 5)]})
    .group_by_dynamic("y", every="1d", include_boundaries=True)
    .agg(a1=pl.lit(1))
)
print(f"Polars {pl.__version__}: boundaries planned {windows.collect_schema()['_lower_boundary']}")
cases = {
    "every pass on, a boundary column aggregated": (
        windows.group_by_dynamic("a1", every="2i").agg(c("_lower_boundary").max()),
        {},
    ),
}
found = False
for name, (query, optimizations) in cases.items():
    query.collect(engine="in-memory")  # the baseline returns a frame
    print(f"{name}:")
    try:
        query.collect(engine="streaming", **optimizations)
    except pl.exceptions.SchemaError as exc:
        found = True
        print(f"baseline returned a frame; this cell raised SchemaError: {exc}")
    else:
        print("the streaming engine returns the frame too")
sys.exit(1 if found else 0)
