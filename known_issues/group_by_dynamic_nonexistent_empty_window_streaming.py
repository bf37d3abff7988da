"""group_by_dynamic on the streaming engine raises where an empty window's boundary does not exist.

Asia/Kathmandu skipped 1986-01-01 00:00-00:15. A yearly group_by_dynamic over data in 222 and 2024
has no row near 1986: the in-memory engine never builds that window and returns the groups, the
streaming engine (and every sink) steps through it and raises ComputeError: datetime '1986-01-01
00:00:00' is non-existent in time zone 'Asia/Kathmandu'. (Where the in-memory engine does need such
a boundary it panics: group_by_dynamic_nonexistent_boundary_panic.py.) Exits 1 while the
discrepancy exists, 0 once the engines agree. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl

frame = pl.DataFrame(
    {"t": [datetime.datetime(222, 1, 1), datetime.datetime(2024, 1, 27)], "v": [1, 2]},
    schema={"t": pl.Datetime("ms"), "v": pl.Int8},
).with_columns(pl.col("t").dt.replace_time_zone("Asia/Kathmandu"))
query = frame.lazy().group_by_dynamic("t", every="1y", period="2y").agg(n=pl.len())
results = {}
for engine in ("in-memory", "streaming"):
    try:
        results[engine] = query.collect(engine=engine)
    except pl.exceptions.ComputeError as exc:
        results[engine] = exc
print(f"Polars {pl.__version__}")
memory, streaming = results["in-memory"], results["streaming"]
if isinstance(memory, pl.DataFrame) and isinstance(streaming, Exception):
    print(f"in-memory: {memory.rows()}")  # the suite's wording for this cell
    print(f"baseline returned a frame; this cell raised ComputeError: {streaming}")
    sys.exit(1)
print(f"in-memory: {memory}\nstreaming: {streaming}")
sys.exit(0 if type(memory) is type(streaming) else 1)
