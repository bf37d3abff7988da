"""The later steps of rolling() whose aggregation is named like its index column, on streaming.

`lf.rolling(index_column="k", period="1mo").agg(pl.col("k").dt.day().max())` asks for two columns
named `k`: the in-memory engine raises DuplicateError, the streaming engine keeps both (a Date `k`
and an Int8 `k`; collect_schema() plans one Int8 `k`), see rolling_duplicate_index_name_streaming.py.
Steps after it then go wrong on streaming instead of raising DuplicateError:
- `.group_by("k").median()` panics in the sorted group-by node (ShapeMismatch, unable to append
  to a DataFrame of width 1 with a DataFrame of width 2);
- `.remove(pl.col("k").is_infinite())` raises InvalidOperationError (`is_infinite` not supported
  for dtype `date`), reading the Date `k` where the plan has an Int8 `k` (valid there): not a
  second genuine error of the query, a consequence of the duplicate.
The rolling twin of group_by_dynamic_duplicate_index_name_later_steps.py. Found by the
generated-query check. Seen on 1.44.2 and 2.1.0. Exits 1 while either step differs from the
in-memory DuplicateError, 0 once both raise DuplicateError. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl
from polars.exceptions import PanicException

c = pl.col
frame = pl.LazyFrame({"k": [datetime.date(2024, 1, 1), datetime.date(2024, 1, 2)], "v": [1, 2]})
rolled = frame.rolling(index_column="k", period="1mo").agg(c("k").dt.day().max())
steps = {
    "group_by('k').median()": rolled.group_by("k").median(),
    "remove(is_infinite)": rolled.remove(c("k").is_infinite()),
}
print(f"Polars {pl.__version__}: planned {rolled.collect_schema()}")
bugs = 0
for name, query in steps.items():
    try:
        query.collect(engine="in-memory")
        baseline = "returned a frame"
    except pl.exceptions.DuplicateError as exc:
        baseline = f"raised DuplicateError: {str(exc).splitlines()[0]}"
    try:
        query.collect(engine="streaming")
        cell = "returned a frame"
    except PanicException as exc:
        cell = f"panicked: {str(exc).splitlines()[0]}"
    except pl.exceptions.PolarsError as exc:
        cell = f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
    print(f"{name}:")
    if cell.startswith("raised DuplicateError"):
        print("  both raise DuplicateError: fixed")
        continue
    bugs += 1
    # the suite's words for the cell
    print(f"  baseline {baseline}; this cell {cell}")
    if cell.startswith("panicked"):
        print(cell)
sys.exit(1 if bugs else 0)
