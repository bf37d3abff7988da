"""drop_nans() over a Categorical column raises in memory but not on the streaming engine when an
empty frame passes a Python UDF (map_batches) first.

In memory, drop_nans(subset=["k"]) of a Categorical k raises InvalidOperationError ("`is_nan`
operation not supported for dtype `cat`"), with rows or without, and so does the streaming engine
without the UDF; behind with_columns(k.map_batches(...)) of an empty frame the streaming engine
never evaluates it and returns an empty frame.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frame = pl.DataFrame({"k": []}, schema={"k": pl.Categorical})
query = (
    frame.lazy()
    .with_columns(x=pl.col("k").map_batches(lambda s: s, return_dtype=pl.Categorical))
    .drop_nans(subset=["k"])
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
