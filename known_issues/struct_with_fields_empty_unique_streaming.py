"""struct.with_fields() of a one-row struct raises on an empty column in memory; after unique()
of an empty frame the streaming engine returns an empty frame instead.

In memory, `pl.struct(a=pl.lit(1)).struct.with_fields(pl.col("k"))` over an empty column raises
ShapeError ("struct.with_fields expressions must have matching or unit length"), and so does
the streaming engine on the plain frame; behind unique() of an empty frame the streaming engine
never evaluates the expression and returns an empty frame.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frame = pl.DataFrame({"k": []}, schema={"k": pl.String})
query = (
    frame.lazy()
    .unique(maintain_order=True)
    .select(pl.struct(a=pl.lit(1)).struct.with_fields(pl.col("k")))
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
