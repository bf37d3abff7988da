"""On 1.44 list.gather of a list column whose chunks are all null is List(Null) on the streaming
engine, List(Int8) in memory.

Each all-null chunk (or morsel) is gathered into a List(Null) chunk. The in-memory engine, given
several chunks, returns the planned List(Int8); the streaming engine, whose every morsel is such a
chunk, returns List(Null). (One chunk: List(Null) in memory too; chunks of mixed kinds: a panic,
list_gather_all_null_streaming_schema_panic.py.) Exits 1 while the discrepancy exists, 0 once
fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

row = pl.DataFrame({"l": [None]}, schema={"l": pl.List(pl.Int8)})
frame = pl.concat([row] * 20, rechunk=False)  # 20 chunks of one null row
query = frame.lazy().with_columns(
    ends=pl.col("l").list.gather([0, -1], null_on_oob=True),
    repeated=pl.col("l").list.gather([1, 1, 0], null_on_oob=True),
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: planned {query.collect_schema()}")
print(f"in-memory {in_memory.schema}\nstreaming {streaming.schema}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
