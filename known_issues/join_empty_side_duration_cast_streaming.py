"""An inner join whose right side is empty: the left side casts a non-empty Duration column to
String, which raises InvalidOperationError (casting from Duration('ms') to String not supported)
in memory; on 2.1 the streaming engine never runs the left side when it comes out of a Python UDF
(map_batches) or a group_by, and returns an empty frame.

1.44.2 raises on both engines. The same left side straight from the frame raises on both engines
(see join-empty-left-right-key-error-streaming for the mirrored case). Seen on 2.1.0.
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
frame = pl.LazyFrame({"y": [datetime.timedelta(days=1)]}, schema={"y": pl.Duration("ms")})
empty = pl.LazyFrame({"y": ["x"]}).clear()
query = frame.map_batches(lambda df: df).select(c("y").cast(pl.String)).join(empty, on="y")


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
