"""A filter on pl.corr() of an empty column keeps other rows on the streaming engine.

pl.corr() of an empty column is NaN in memory and null on the streaming engine
(streaming-corr-empty-null). A filter whose predicate is derived from that value then keeps or
drops rows differently: seen in the conformance run (2.1.0, streaming lanes, sinks, collect_all,
collect_async) as `select(pl.corr(...)).filter(<window of it>.list.any())`, 1 row in memory and
none on the streaming engine, and `filter(pl.corr(<empty>, <sum>).degrees().entropy().peak_max())`,
no row in memory and some on the streaming engine. Shown here with every pass on.
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
# one row: the correlation of an empty column (NaN in memory); keep it where it is not null
query = (
    pl.LazyFrame({"v": []}, schema={"v": pl.Float64})
    .select(e0=pl.corr(c("v"), c("v")))
    .filter(c("e0").is_not_null())
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory.height} row(s), streaming {streaming.height}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
