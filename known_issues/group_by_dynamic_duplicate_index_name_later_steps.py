"""After a group_by_dynamic named like its index column, later steps panic or raise on streaming.

`group_by_dynamic("k", ...).agg(pl.col("k").len().alias("k"))` gives the streaming engine two
columns named `k` where memory raises DuplicateError (group-by-dynamic-duplicate-index-name-
streaming). A step after it that reads the frame's schema again meets the duplicate: a window
(`over`) panics, called `Result::unwrap()` on an `Err` value: Duplicate("duplicate name when
building schema 'k'"), and a `rolling_sum` raises SchemaError (Date against the planned UInt32).
Found by the generated-query check. Exits 1 while a step panics or raises anything but
DuplicateError on the streaming engine, 0 once it raises DuplicateError like memory.
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
from polars.exceptions import DuplicateError, PanicException

frame = pl.LazyFrame(
    {"k": [datetime.date(2000, 2, 29), datetime.date(2024, 1, 1)], "b": [True, None]}
)
windows = frame.group_by_dynamic("k", every="1d", include_boundaries=True).agg(
    pl.col("k").len().alias("k"), pl.col("b").has_nulls().alias("n")
)
later = {
    "over": windows.remove(pl.col("_upper_boundary").over(pl.col("n"))),
    "rolling_sum": windows.filter(pl.col("k").rolling_sum(window_size=2, min_samples=1) > 0),
}
print(f"Polars {pl.__version__}")
wrong = False
for name, query in later.items():
    try:
        query.collect(engine="in-memory")
        baseline = "returned a frame"
    except DuplicateError as exc:
        baseline = f"raised DuplicateError: {exc}"
    try:
        query.collect(engine="streaming")
        print(f"  {name}: streaming returned a frame; the baseline {baseline}")
    except PanicException as exc:
        print(f"  {name}: streaming panicked: {exc}")
        wrong = True
    except DuplicateError as exc:
        print(f"  {name}: streaming raised DuplicateError too: {exc}")
    except pl.exceptions.PolarsError as exc:
        print(f"  {name}: baseline {baseline}; this cell raised {type(exc).__name__}: {exc}")
        wrong = True
sys.exit(1 if wrong else 0)
