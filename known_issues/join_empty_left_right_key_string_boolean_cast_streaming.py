"""An inner join whose right key casts a String column to Boolean raises in memory but not on
the 2.1 streaming engine when the left frame is empty.

In memory, `right_on=pl.col("k").cast(pl.Boolean, strict=False)` over a non-empty String column
raises InvalidOperationError ("casting from Utf8View to Boolean not supported") whatever the left
side holds; with an empty left frame (here emptied by a filter; in the query seen by a later
filter on a left column pushed down through a right join) the 2.1 streaming engine never
evaluates the right key and returns an empty frame. 1.44.2 raises on both engines.
Seen by the generated-query check on 2.1.0 (streaming, collect_batches, sink_*, collect_all).
Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frame = pl.LazyFrame({"k": ["b", "a"]})
query = frame.filter(pl.lit(False)).join(
    frame, left_on=pl.lit(True), right_on=pl.col("k").cast(pl.Boolean, strict=False), how="inner"
)


def run(engine: str) -> str:
    try:
        return f"frame {query.collect(engine=engine).shape}"
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


in_memory, streaming = run("in-memory"), run("streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory}; streaming {streaming}")
if not in_memory.startswith("frame") and streaming.startswith("frame"):
    print(f"baseline raised {in_memory}; this cell returned a frame")
sys.exit(0 if in_memory.split(":")[0] == streaming.split(":")[0] else 1)
