"""A float group key -0.0 comes back as 0.0 from the streaming engine's multi-column unique()/group_by().

`unique()` over several columns (or `group_by()` on several keys, one of them a float column)
returns the key -0.0 as it was in memory, but as +0.0 on the streaming engine: the key value
in the result is one the input does not hold. The comparison sees the sign once the key is cast
to a string. Seen on Polars 1.44.2 and 2.1.0 (streaming, collect_batches, sink_ipc,
sink_parquet). Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs
nothing but Polars.
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
    pl.LazyFrame({"v": [-0.0, 1.0], "x": [1, 2]}, schema={"v": pl.Float32, "x": pl.Int64})
    .unique()
    .sort("x")
    .cast({"v": pl.String})
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory['v'][0]}, streaming {streaming['v'][0]}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
