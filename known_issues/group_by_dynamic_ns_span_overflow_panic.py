"""group_by_dynamic panics (capacity overflow) on a nanosecond datetime column spanning > 292 years.

Two timestamps 293 years apart are both valid `Datetime("ns")` values, but their distance
overflows an i64 count of nanoseconds; group_by_dynamic panics instead of returning its windows
(the same data in microseconds works). Every engine runs the same kernel, so every lane panics.
Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

from datetime import datetime

import polars as pl
from polars.exceptions import PanicException

frame = pl.LazyFrame(
    {"t": pl.Series([datetime(1883, 1, 1), datetime(2176, 1, 1)], dtype=pl.Datetime("ns"))}
)
query = frame.group_by_dynamic("t", every="1y").agg(n=pl.len())
try:
    result = query.collect(engine="in-memory")
except PanicException as exc:  # the symptom; anything else means the reproducer broke
    print(f"Polars {pl.__version__}: group_by_dynamic panicked: {exc}")
    sys.exit(1)
print(f"Polars {pl.__version__}: group_by_dynamic returned {result.height} windows")
sys.exit(0)
