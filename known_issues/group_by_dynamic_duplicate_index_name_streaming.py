"""group_by_dynamic whose aggregation is named like the index column: streaming returns two `k`.

`group_by_dynamic("k", ...).agg(pl.col("k").first())` asks for two output columns named `k`. The
in-memory engine raises DuplicateError, as `group_by("k").agg(pl.col("k").first())` does on every
engine, but the streaming engine returns a DataFrame with two columns named `k`, and
collect_schema() plans one. Found by the generated-query check (an aggregation ending in
`.name.keep()`). Exits 1 while the streaming engine returns a frame, 0 once it raises too.
Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl

frame = pl.LazyFrame({"k": [datetime.date(2020, 1, 1), datetime.date(2020, 1, 2)]})
query = frame.sort("k").group_by_dynamic("k", every="1d").agg(pl.col("k").first())
print(f"Polars {pl.__version__}: planned {query.collect_schema()}")
try:
    query.collect(engine="in-memory")
    baseline = "returned a frame"
except pl.exceptions.DuplicateError as exc:
    baseline = f"raised DuplicateError: {str(exc).splitlines()[0]}"
try:
    streaming = query.collect(engine="streaming")
except pl.exceptions.DuplicateError as exc:
    print(f"in memory {baseline}; streaming raised DuplicateError: {str(exc).splitlines()[0]}")
    sys.exit(0)
# the suite's words for the cell
print(f"baseline {baseline}; this cell returned a frame (columns {streaming.columns})")
sys.exit(1)
