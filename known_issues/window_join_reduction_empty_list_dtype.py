"""A reduction windowed with mapping_strategy="join" over no rows: the in-memory engine returns a
List column where the plan (collect_schema()) and the streaming engine say the reduction's own
dtype.

Over rows every engine gives the planned scalar dtype. Seen on 1.44.2 and 2.1.0.
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

c = pl.col
query = (
    pl.LazyFrame({"k": [1, 2]})
    .clear()
    .with_columns(e=c("k").product().over(c("k"), mapping_strategy="join"))
)
planned = query.collect_schema()["e"]
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(
    f"Polars {pl.__version__}: planned {planned}, in-memory {in_memory.schema['e']}, "
    f"streaming {streaming.schema['e']}"
)
if in_memory.schema["e"] != planned:
    print(f"column 'e' is {in_memory.schema['e'].base_type()}, planned {planned}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
sys.exit(0 if in_memory.schema["e"] == planned else 1)
