"""pl.datetime(..., time_unit="ns") of a date outside the nanosecond range panics.

A Datetime("ns") holds about 1677-09-21 to 2262-04-11. pl.datetime(1, 1, 1, time_unit="ns")
panics on every engine with "called `Option::unwrap()` on a `None` value" instead of raising an
error (or returning null); with time_unit="us" the same components are a valid datetime. Exits 1
while it panics, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

query = pl.LazyFrame({"year": [2020, 1]}).select(
    pl.datetime("year", 1, 1, time_unit="ns").alias("ns")
)
print(f"Polars {pl.__version__}")
panicked = False
for engine in ("in-memory", "streaming"):
    try:
        print(f"{engine}: {query.collect(engine=engine).rows()}")
    except PanicException as exc:  # the suite's wording for a panic of the cell
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        panicked = True
sys.exit(1 if panicked else 0)
