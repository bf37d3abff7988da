"""group_by var/std with ddof=0 of a single null row is 0.0 on the streaming engine, null in memory.

A group whose only value is null has no variance: the in-memory engine (and a group with two null
rows on either engine) gives null, while the streaming engine gives 0.0 when the frame holds just
that one null row. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
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
    pl.LazyFrame({"k": ["a"], "v": pl.Series([None], dtype=pl.Float64)})
    .group_by("k")
    .agg(var0=pl.col("v").var(ddof=0), std0=pl.col("v").std(ddof=0))
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory.rows()}, streaming {streaming.rows()}")
failed = False
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    failed = True
if hasattr(query, "sink_batches"):  # an early stop: its rows must be rows of the full result
    batches = []
    query.sink_batches(lambda batch: batches.append(batch) or True, chunk_size=7)
    extra = [str(list(r)) for r in pl.concat(batches).rows() if r not in in_memory.rows()]
    if extra:
        print(f"sink_batches, stopped after one batch: rows not in the full result: {extra}")
        failed = True
sys.exit(1 if failed else 0)
