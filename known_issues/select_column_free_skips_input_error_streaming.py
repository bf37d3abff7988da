"""A select whose expressions read no column (pl.datetime_range or pl.int_range of literals) over
a filter whose predicate raises (list.get out of bounds): the in-memory engine runs the filter and
raises ComputeError (get index is out of bounds); the streaming engine never runs the select's
input, also with every optimization off, and returns the select's rows.

A select(pl.lit(...)) answers on both engines on 2.1 (1.44.2 raises in memory there too). Seen on
1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl

c = pl.col
day = datetime.datetime(2000, 1, 1)
frame = pl.LazyFrame({"l": [[1]]})
query = frame.filter(c("l").list.get(5).is_null()).select(
    pl.datetime_range(day, day, "1d").alias("r")
)


def run(engine: str) -> str:
    try:
        return f"frame {query.collect(engine=engine).shape}"
    except pl.exceptions.PolarsError as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


in_memory, streaming = run("in-memory"), run("streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory}; streaming {streaming}")
if not in_memory.startswith("frame") and streaming.startswith("frame"):
    print(f"baseline raised {in_memory}; this cell returned a frame")
sys.exit(0 if in_memory.split(":")[0] == streaming.split(":")[0] else 1)
