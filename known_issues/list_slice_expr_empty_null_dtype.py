"""On 1.44 list.head/tail/slice with a column argument over no rows is List(Null), not the planned type.

`c("r").list.head(c("k"))` (also `list.tail`, `list.slice` and `arr.head/tail/slice(...,
as_array=False)`, which go through it) of an empty List(List(Int64)) column is computed as
List(Null) in memory, so `.list.last()` after it is Null where the plan says List(Int64), and a
list operation after that raises SchemaError (expected `List`, got `null`). The streaming engine,
whose filter passes no rows on, returns the empty frame of the planned schema. Seen on Polars
1.44.2 (streaming, collect_batches, sink_ipc, sink_parquet, with join_where/filter before it);
2.1.0 keeps the planned type. Exits 1 while the discrepancy exists, 0 once fixed, 2 when it
cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import SchemaError

c = pl.col
query = (
    pl.LazyFrame(
        {"r": [[[1]], [[2]]], "k": [1, 2]}, schema={"r": pl.List(pl.List(pl.Int64)), "k": pl.Int64}
    )
    .filter(c("k") > 5)
    .select(c("r").list.head(c("k")).list.last().list.len().alias("q"))
)
print(f"Polars {pl.__version__}: planned {query.collect_schema()}")
try:
    in_memory, in_memory_error = query.collect(engine="in-memory"), None
except SchemaError as exc:
    in_memory, in_memory_error = None, exc
try:
    streaming, streaming_error = query.collect(engine="streaming"), None
except SchemaError as exc:
    streaming, streaming_error = None, exc
if in_memory_error is not None and streaming_error is None:
    first_line = str(in_memory_error).splitlines()[0]
    print(f"baseline raised SchemaError: {first_line}; this cell returned a frame")
    sys.exit(1)
if streaming_error is not None and in_memory_error is None:
    print(
        f"this cell raised SchemaError: {str(streaming_error).splitlines()[0]}; the baseline returned a frame"
    )
    sys.exit(1)
if in_memory_error is not None:
    print(f"both engines raise SchemaError: {str(in_memory_error).splitlines()[0]}")
    sys.exit(1)
print(f"both return {in_memory.schema}: fixed")
sys.exit(0)
