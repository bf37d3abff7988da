"""remove() with a Categorical predicate under over() raises in memory but not on the streaming
engine when the frame is empty.

`remove(k.over(k))` negates a Categorical predicate: in memory that raises ComputeError ("cannot
compare categorical with bool"), with rows or without (and so does the streaming engine with
rows, or without over()); on an empty frame the streaming engine returns an empty frame instead.
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
query = frame.lazy().remove(pl.col("k").over("k"))


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
