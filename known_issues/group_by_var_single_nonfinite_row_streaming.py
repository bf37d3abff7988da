"""group_by std/var with ddof=0 of a frame holding a single NaN or ±inf row is 0.0 on the streaming engine.

The variance of a lone NaN or infinite value is NaN: the in-memory engine gives NaN (so do
`select(std(ddof=0))` on either engine, and the streaming engine as soon as the frame holds a
second row, even in another group), while the streaming engine's group_by gives 0.0 when the
whole input is that one row (for Float32 and Float64). The same single-row case turns a lone
null into 0.0 (see `group-by-var-single-null-row-streaming`). Seen on 1.44.2 and 2.1.0.
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

query = (
    pl.LazyFrame({"k": [1], "v": [float("nan")]}, schema={"k": pl.Int8, "v": pl.Float32})
    .group_by("k")
    .agg(std0=pl.col("v").std(ddof=0), var0=pl.col("v").var(ddof=0))
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory.rows()}, streaming {streaming.rows()}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
