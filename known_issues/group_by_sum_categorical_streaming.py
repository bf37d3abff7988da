"""group_by().sum() of a Categorical, Enum, Date, Time or Datetime column returns null in memory but
raises on the streaming engine.

In memory, the per-group sum of a column a sum does not take is null (as DataFrame.sum() gives);
the streaming engine raises InvalidOperationError ("`sum` operation not supported for dtype
`cat`", `enum`, `date`, `time`, `datetime[μs]`) for the same query.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

import datetime

frames = {
    "Categorical": pl.DataFrame({"k": ["a"]}, schema={"k": pl.Categorical}),
    "Enum": pl.DataFrame({"k": ["a"]}, schema={"k": pl.Enum(["a", "b"])}),
    # the temporal dtypes a sum does not take (Duration sums) alike
    "Date": pl.DataFrame({"k": [datetime.date(2020, 1, 1)]}),
    "Time": pl.DataFrame({"k": [datetime.time(1)]}),
    "Datetime": pl.DataFrame({"k": [datetime.datetime(2020, 1, 1)]}),
}


def run(query: pl.LazyFrame, engine: str) -> str:
    try:
        return f"frame {query.collect(engine=engine).rows()}"
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for name, frame in frames.items():
    query = frame.with_columns(w=pl.lit(1.0)).lazy().group_by("w").sum()
    in_memory, streaming = run(query, "in-memory"), run(query, "streaming")
    print(f"Polars {pl.__version__}, {name}: in-memory {in_memory}; streaming {streaming}")
    if in_memory.startswith("frame") and not streaming.startswith("frame"):
        print(f"baseline returned a frame; this cell raised {streaming}")
    failed = failed or in_memory.split(":")[0] != streaming.split(":")[0]
sys.exit(1 if failed else 0)
