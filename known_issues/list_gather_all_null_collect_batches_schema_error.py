"""On 1.44 collect_batches() of list.gather on an all-null list column raises a SchemaError.

The in-memory engine types the gathered column List(Null) (the plan says List(Int8)) and returns a
frame; collect_batches, on the streaming engine, raises "type Int8 is incompatible with expected
type Null" stacking such a batch (collect() on the streaming engine panics instead:
list_gather_all_null_streaming_schema_panic.py). Exits 1 while the discrepancy exists, 0 once
fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frame = pl.DataFrame({"l": [None, None, None]}, schema={"l": pl.List(pl.Int8)})
query = frame.lazy().with_columns(ends=pl.col("l").list.gather([0, -1], null_on_oob=True))
print(f"Polars {pl.__version__}: in-memory {query.collect(engine='in-memory').schema}")
try:
    got = pl.concat(list(query.collect_batches(chunk_size=7)))
except pl.exceptions.SchemaError as exc:  # the suite's wording for this cell
    print(f"baseline returned a frame; this cell raised SchemaError: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"collect_batches returned {got.schema}: the discrepancy is fixed")
sys.exit(0)
