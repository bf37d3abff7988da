"""struct.with_fields() of a one-row struct after a sort by an expression raises on the
streaming engine for a one-row frame; in memory it returns the row.

`pl.struct(a=pl.lit(1)).struct.with_fields(pl.col("k"))` over a one-row column is a one-row
struct in memory (and on the streaming engine without the sort); behind sort() by an expression
the streaming engine raises ShapeError ("struct.with_fields expressions must have matching or
unit length"), as if it met an empty chunk of k (on which in memory raises too).
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frame = pl.DataFrame({"k": ["a"], "w": [1.0]})
query = (
    frame.lazy()
    .sort(pl.col("w") + 1)
    .select(pl.struct(a=pl.lit(1)).struct.with_fields(pl.col("k")))
)


def run(engine: str) -> str:
    try:
        return f"frame {query.collect(engine=engine).shape}"
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


in_memory, streaming = run("in-memory"), run("streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory}; streaming {streaming}")
if in_memory.startswith("frame") and not streaming.startswith("frame"):
    print(f"baseline returned a frame; this cell raised {streaming}")
sys.exit(0 if in_memory.split(":")[0] == streaming.split(":")[0] else 1)
