"""In-memory group_by_dynamic panics where a window boundary is a non-existent local time.

Asia/Kathmandu skipped 1986-01-01 00:00-00:15 (UTC+05:30 became +05:45). With one row on
1985-01-01 and yearly windows of two years, the in-memory engine panics on the unwrap of the
ComputeError ("non-existent in time zone") that the streaming engine raises as an error. Exits 1
while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
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

frame = pl.DataFrame(
    {"t": [datetime.datetime(1985, 1, 1)], "v": [1]},
    schema={"t": pl.Datetime("ms", "Asia/Kathmandu"), "v": pl.Int8},
)
query = (
    frame.lazy()
    .group_by_dynamic("t", every="1y", period="2y", closed="both", label="right")
    .agg(n=pl.len())
)
print(f"Polars {pl.__version__}")
for engine in ("streaming", "in-memory"):
    try:
        query.collect(engine=engine)
    except PanicException as exc:  # the suite's wording for a panic of the baseline
        print(f"{engine}: the baseline panicked: {str(exc).splitlines()[0]}")
        sys.exit(1)
    except pl.exceptions.ComputeError as exc:
        print(f"{engine}: raised ComputeError: {str(exc).splitlines()[0]}")
print("no panic: the discrepancy is fixed")
sys.exit(0)
