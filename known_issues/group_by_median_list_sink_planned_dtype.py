"""sink_ipc panics (sink_parquet raises) writing group_by().median() / .mean() of a List column.

group_by().median() and .mean() of a List or Array column are planned as the list's inner dtype
(List(Struct) -> Struct, List(List(X)) -> List(X), List(Int64) -> Float64) but computed as a null
of the List dtype itself (group_by_median_list_planned_inner_dtype.py). sink_ipc and sink_parquet
write the planned schema and fail converting the computed List chunk: sink_ipc panics in its record
batch encoder ("to_arrow() conversion failed: cannot convert (List(...)) to (Field { ... })"),
sink_parquet raises that error as an InvalidOperationError, while collect() returns a frame.
Seen on 1.44.2 (sink_ipc, sink_parquet lanes, e.g. a List(List(Array(Categorical, 3))) column);
2.1.0 raises InvalidOperationError (`median` operation not supported for dtype `list[...]`) at
planning on every engine. Exits 1 while a sink fails, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import os
import tempfile

import polars as pl
from polars.exceptions import PanicException

frame = pl.LazyFrame(
    {"g": [1], "l": [None]},
    schema={"g": pl.Int64, "l": pl.List(pl.List(pl.Struct({"f0": pl.Int8})))},
)
print(f"Polars {pl.__version__}")
failed = False
with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
    for agg in ("median", "mean"):
        query = getattr(frame.group_by("g"), agg)()
        try:
            planned = query.collect_schema()["l"]
            collected = query.collect()
        except pl.exceptions.PolarsError as exc:  # 2.1 refuses the aggregation: no discrepancy
            print(f"{agg}: raised {type(exc).__name__}: {str(exc).splitlines()[0]}")
            continue
        print(f"{agg}: column 'l' planned {planned}, collected {collected.schema['l']}")
        for sink in ("ipc", "parquet"):
            try:
                getattr(query, f"sink_{sink}")(os.path.join(tmp, f"{agg}.{sink}"))
                print(f"{agg}: sink_{sink} wrote the file")
                continue
            except PanicException as exc:  # the suite's wording for a panic of the cell
                print(f"{agg}: sink_{sink} panicked: {str(exc).splitlines()[0]}")
            except pl.exceptions.InvalidOperationError as exc:  # as the suite words the cell
                message = str(exc).splitlines()[0]
                print(f"{agg}: sink_{sink}: this cell raised InvalidOperationError: {message}")
            failed = True
sys.exit(1 if failed else 0)
