"""A horizontal mean over pl.corr() of an empty column skips it on the streaming engine.

pl.corr() of an empty column is NaN in memory and null on the streaming engine
(streaming-corr-empty-null). A horizontal reduction that skips nulls (mean_horizontal,
sum_horizontal, ...) then averages the other arguments on the streaming engine, where in memory
the NaN makes the result NaN: seen in the conformance run (1.44.2, streaming lanes, collect_batches,
sinks, every optimizer variant) as `pl.mean_horizontal(pl.ones(2), pl.corr(w, w), pl.lit(255))`
after a join_where that empties the frame, NaN in memory and 128.0 streaming. Shown here with every
pass on. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
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
# one row: the mean of 1.0, the correlation of an empty column (NaN in memory) and 255
query = pl.LazyFrame({"w": []}, schema={"w": pl.Float32}).select(
    e0=pl.mean_horizontal(pl.lit(1.0), pl.corr(c("w"), c("w")), pl.lit(255))
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory['e0'][0]}, streaming {streaming['e0'][0]}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
print("the engines agree: fixed")
