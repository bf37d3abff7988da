"""group_by().mean() of a Categorical or Enum column returns null in memory but raises on the
streaming engine (Polars 1.44).

In memory (1.44.2) the per-group mean of a Categorical or Enum column is null; the streaming
engine (collect(engine="streaming"), collect_batches, sink_*) raises InvalidOperationError
("`mean` operation not supported for dtype `cat`" / `enum`) for the same query. Polars 2.1.0
raises on both engines, so they agree there. Seen in the conformance run's generated queries
`....group_by(...).mean()` over a frame with a Categorical/Enum column.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frames = {
    "Categorical": pl.DataFrame(
        {"g": [1, 1], "k": ["a", "b"]}, schema={"g": pl.Int64, "k": pl.Categorical}
    ),
    "Enum": pl.DataFrame(
        {"g": [1, 1], "k": ["a", "b"]}, schema={"g": pl.Int64, "k": pl.Enum(["a", "b"])}
    ),
}


def run(query: pl.LazyFrame, engine: str) -> str:
    try:
        return f"frame {query.collect(engine=engine).rows()}"
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for name, frame in frames.items():
    query = frame.lazy().group_by("g").mean()
    in_memory, streaming = run(query, "in-memory"), run(query, "streaming")
    print(f"Polars {pl.__version__}, {name}: in-memory {in_memory}; streaming {streaming}")
    if in_memory.startswith("frame") and not streaming.startswith("frame"):
        print(f"baseline returned a frame; this cell raised {streaming}")
    failed = failed or in_memory.split(":")[0] != streaming.split(":")[0]
sys.exit(1 if failed else 0)
