"""An inner join whose right key expression fails (a Categorical cast to Float32) raises in
memory but not on the streaming engine when the left frame is empty.

In memory, `right_on=pl.col("k").cast(pl.Float32)` over a non-empty Categorical column raises
ComputeError ("cannot cast categorical types to Float32") whatever the left side holds; with an
empty left frame the streaming engine never evaluates the right key and returns an empty frame.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

left = pl.DataFrame({"w": []}, schema={"w": pl.Float32})
right = pl.DataFrame({"k": ["a"]}, schema={"k": pl.Categorical})
query = left.lazy().join(right.lazy(), left_on="w", right_on=pl.col("k").cast(pl.Float32))


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
