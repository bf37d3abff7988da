"""sink_ipc panics (sink_parquet raises InvalidOperationError) on a rolling() whose aggregation is
named like its index column, where collect() raises DuplicateError.

`lf.rolling(index_column="k", period="2d").agg(pl.col("k").is_null().any(), ...)` asks for two
output columns named `k`: the in-memory engine raises DuplicateError, collect_schema() plans one
`k` (the aggregation's Boolean), and the streaming engine keeps both columns
(rolling_duplicate_index_name_streaming.py). The sinks write the planned schema against the
streaming engine's extra column: sink_ipc panics ("to_arrow() conversion failed: cannot convert
(Date) to (Field { ... dtype: Boolean ... })" after a reverse(), "assertion `left == right` failed"
without), sink_parquet raises that to_arrow() error as InvalidOperationError instead of
DuplicateError. group_by_dynamic does the same. Found by the generated-query check (an aggregation
renamed by `.name.replace()` to its own name, sink_ipc lane). Seen on 1.44.2 and 2.1.0.
Exits 1 while a sink fails otherwise than with DuplicateError, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime
import os
import tempfile

import polars as pl
from polars.exceptions import PanicException

frame = pl.LazyFrame({"k": [datetime.date(2024, 1, 1), datetime.date(2024, 1, 2)]})
aggs = (pl.col("k").is_null().any(), pl.col("k").alias("a1"))
rolled = frame.rolling(index_column="k", period="2d").agg(*aggs)
dynamic = frame.group_by_dynamic(index_column="k", every="1d").agg(*aggs)
print(f"Polars {pl.__version__}: planned {rolled.collect_schema()}")
try:
    rolled.collect(engine="in-memory")
    baseline = "baseline returned a frame"
except pl.exceptions.DuplicateError as exc:
    baseline = f"baseline raised DuplicateError: {str(exc).splitlines()[0]}"
print(f"in memory: {baseline}")
failed = False
with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
    queries = (
        ("rolling", rolled),
        ("rolling, reversed", rolled.reverse()),
        ("group_by_dynamic, reversed", dynamic.reverse()),
    )
    for name, query in queries:
        for sink in ("ipc", "parquet"):
            try:
                getattr(query, f"sink_{sink}")(os.path.join(tmp, f"{len(name)}.{sink}"))
                print(f"{name}: sink_{sink} wrote the file")
                failed = True
                continue
            except pl.exceptions.DuplicateError as exc:  # as collect() raises: no discrepancy
                print(f"{name}: sink_{sink} raised DuplicateError: {str(exc).splitlines()[0]}")
                continue
            except PanicException as exc:  # the suite's wording for a panic of the cell
                print(f"{name}: sink_{sink} panicked: {str(exc).splitlines()[0]}")
            except pl.exceptions.PolarsError as exc:  # as the suite words the cell
                message = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
                print(f"{name}: sink_{sink}: {baseline}; this cell raised {message}")
            failed = True
sys.exit(1 if failed else 0)
