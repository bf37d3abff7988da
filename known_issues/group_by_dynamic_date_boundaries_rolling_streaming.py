"""group_by_dynamic(include_boundaries=True) over a Date index plans its boundary columns as Date
but returns Datetime('us'); a rolling() indexed by a boundary column then raises SchemaError on the
streaming engine (type Datetime('μs') is incompatible with expected type Date), while the in-memory
engine rolls over the Datetime values.

The cause of group-by-dynamic-boundaries-planned-date. Seen on 1.44.2; 2.1.0 plans the boundaries
as Datetime and both engines answer.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import datetime
import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
frame = pl.LazyFrame({"k": [datetime.date(1969, 12, 31), datetime.date(2000, 2, 29)]})
windows = frame.group_by_dynamic("k", every="2d", period="2d", include_boundaries=True).agg(
    c("k").count().alias("n")
)
query = (
    windows.select(c("_upper_boundary").alias("e"))
    .rolling(index_column="e", period="1d")
    .agg(c("e").count().alias("count"))
)


def run(engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


print(f"Polars {pl.__version__}; boundaries planned {windows.collect_schema()['_upper_boundary']}")
(expected, expected_error), (got, error) = run("in-memory"), run("streaming")
print(f"in-memory {expected_error or expected.schema}; streaming {error or got.schema}")
if error and not expected_error:
    print(f"baseline returned a frame; this cell raised {error}")
    sys.exit(1)
sys.exit(0)
