"""group_by().agg(max()) of a List column returns null in memory but raises on the streaming
engine.

In memory, the per-group max of a List(String) column is null (as group_by().max() gives); the
streaming engine raises InvalidOperationError ("`max` operation not supported for dtype
`list[str]`") for the same query, before reading any row: where an earlier expression fails on
the data (list.gather out of bounds), in memory raises that error instead.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

# the key column after the List column: with the key first, the streaming engine returns null too
frame = pl.DataFrame({"l": [["x"]], "g": [1]})
query = frame.lazy().group_by("g").agg(pl.col("l").max())


def run(engine: str) -> str:
    try:
        return f"frame {query.collect(engine=engine).rows()}"
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


in_memory, streaming = run("in-memory"), run("streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory}; streaming {streaming}")
if in_memory.startswith("frame") and not streaming.startswith("frame"):
    print(f"baseline returned a frame; this cell raised {streaming}")
sys.exit(0 if in_memory.split(":")[0] == streaming.split(":")[0] else 1)
