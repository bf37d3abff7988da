"""group_by_dynamic(include_boundaries=True, group_by=...) of an empty frame loses the boundaries.

The plan's schema has _lower_boundary and _upper_boundary, and so do the sinks and batch outputs;
collect() of the empty result has neither (1.35, 1.44; 2.x keeps them). Exits 1 while the
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

lf = pl.LazyFrame(schema={"t": pl.Date, "v": pl.Int8, "k": pl.Int8})
query = lf.group_by_dynamic("t", every="10y", group_by="k", include_boundaries=True).agg(n=pl.len())
schema = query.collect_schema().names()
collected = query.collect().columns
print(f"Polars {pl.__version__}\nschema:    {schema}\ncollected: {collected}")
batches = list(query.collect_batches())  # the streaming engine keeps the planned columns
streamed = pl.concat(batches) if batches else query.clear().collect()
print(f"collect_batches: {streamed.columns}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(query.collect(), streamed)
except AssertionError as exc:
    print(exc)
# without group_by too; a later step that names a boundary column then raises in memory only
later = (
    lf.group_by_dynamic("t", every="10y", include_boundaries=True)
    .agg(n=pl.len())
    .drop("_upper_boundary")
)
try:
    later.collect(engine="in-memory")
    missing = None
except pl.exceptions.ColumnNotFoundError as exc:
    missing = f"ColumnNotFoundError: {str(exc).splitlines()[0]}"
streaming = later.collect(engine="streaming").columns
print(f"drop('_upper_boundary'): in-memory {missing or 'a frame'}; streaming {streaming}")
if missing:
    print(f"baseline raised {missing}; this cell returned a frame")
sys.exit(0 if schema == collected else 1)
