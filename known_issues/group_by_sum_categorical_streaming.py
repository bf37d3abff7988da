"""group_by().sum() of a Categorical column returns null in memory but raises on the streaming
engine.

In memory, the per-group sum of a non-numeric Categorical column is null (as DataFrame.sum()
gives); the streaming engine raises InvalidOperationError ("`sum` operation not supported for
dtype `cat`") for the same query.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frame = pl.DataFrame({"k": ["a"], "w": [1.0]}, schema={"k": pl.Categorical, "w": pl.Float32})
query = frame.lazy().group_by("w").sum()


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
