"""A sort by several keys, one of them mean_horizontal() of a Float32 column and a float literal,
raises SchemaError on the streaming engine; in memory it sorts.

mean_horizontal(w, 1.0) of a Float32 w is planned as Float32 (collect_schema) but computed as
Float64, in memory and on the streaming engine alike; the streaming engine's multi-key sort
encodes the keys by the planned dtype and raises SchemaError ("type Float64 is incompatible with
expected type Float32").
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frame = pl.DataFrame({"w": [1.0, 2.0]}, schema={"w": pl.Float32})
query = frame.lazy().sort(pl.col("w"), pl.mean_horizontal(pl.col("w"), pl.lit(1.0)))


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
