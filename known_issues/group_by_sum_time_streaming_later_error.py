"""group_by().sum() of a Time column is accepted in memory (null) and raised on the streaming
engine, so a query that also fails LATER (after the group_by) raises different errors.

In memory, the per-group sum of a Time column is null (the cause registered as
group-by-sum-categorical-streaming), so the query runs on and raises its later step's error
(here strftime of a Date with %z: ComputeError "cannot format Date with format ..."); the
streaming engine rejects the sum itself (InvalidOperationError "`sum` operation not supported
for dtype `time`"). Seen by the conformance suite on Polars 1.44.2 and 2.1.0 (streaming,
streaming-small-morsels, collect_batches, sink_*, collect_all/collect_async on 2.x).
Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl

# three rows: with a single row the streaming engine returns the null sum too
frame = pl.DataFrame({"k": [datetime.date(2020, 1, 1)] * 3, "y": [datetime.time(1)] * 3})
# the sum step, then a step that fails on its own (a Date has no %z); the summed Time column
# stays in the result (a select of "k" alone would prune the sum away; a filter on the key
# would be pushed below the group_by)
query = (
    frame.lazy()
    .group_by("k", maintain_order=True)
    .sum()
    .with_columns(s=pl.col("k").dt.strftime("%Y-%m-%dT%H:%M:%S%z"))
)


def run(engine: str) -> str:
    try:
        return f"returned a frame {query.collect(engine=engine).rows()}"
    except Exception as exc:
        return f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"


in_memory, streaming = run("in-memory"), run("streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory}; streaming {streaming}")
print(f"baseline {in_memory}; this cell {streaming}")
sys.exit(1 if in_memory.split(":")[0] != streaming.split(":")[0] else 0)
