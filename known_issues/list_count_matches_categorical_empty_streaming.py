"""list.count_matches of an empty List(Categorical) column raises in memory but not on the
streaming engine when the element is a scalar aggregation.

The element `l.list.first().first()` of an empty column is null, and counting a null in a
List(Categorical) raises ComputeError ("cannot compare categorical with null") in memory; the
streaming engine returns an empty frame instead.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frame = pl.DataFrame({"l": []}, schema={"l": pl.List(pl.Categorical)})
query = frame.lazy().select(pl.col("l").list.count_matches(pl.col("l").list.first().first()))


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
