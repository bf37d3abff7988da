"""rolling() whose aggregation is named like its index column: streaming returns two `k`.

`lf.rolling(index_column="k", period="1d").agg(pl.col("k").min())` asks for two output columns
named `k`. The in-memory engine raises DuplicateError (as group_by("k").agg(pl.col("k").min())
does on every engine), but the streaming engine returns a DataFrame with two columns named `k`
(on an empty frame too), and collect_schema() plans one. The rolling twin of
group_by_dynamic_duplicate_index_name_streaming.py. Found by the generated-query check (an
aggregation renamed by `.name.replace()` to its own name). Seen on 1.44.2 and 2.1.0.
Exits 1 while the streaming engine returns a frame, 0 once it raises too. Needs nothing but Polars.
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
query = frame.sort("k").rolling(index_column="k", period="1d").agg(pl.col("k").min())
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
