"""Time.dt.strftime() with a date or time-zone specifier panics: unwrap on an `Err` value: Error.

`pl.col("x").dt.strftime("%Y-%m-%dT%H:%M:%S%z")` of a Time column panics on every engine on
1.44.2 (called `Result::unwrap()` on an `Err` value: Error; %z, %Z or %Y alone too), where a Date
or naive Datetime with a specifier it cannot format raises ComputeError (cannot format Date with
format '%z'); 2.1.0 raises ComputeError (cannot format Time with format '%z') for Time too. Found
in a query whose projection pushdown prunes the column: with every pass on it answers, and
without the pass it panics. Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
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

frame = pl.LazyFrame({"x": [datetime.time(21, 28, 17)]})
query = frame.select(pl.col("x").dt.strftime("%Y-%m-%dT%H:%M:%S%z"))
failed = False
print(f"Polars {pl.__version__}")
for engine in ("in-memory", "streaming"):
    try:
        print(f"{engine}: {query.collect(engine=engine).rows()}")
    except pl.exceptions.PolarsError as exc:
        print(f"{engine}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    except PanicException as exc:
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)
