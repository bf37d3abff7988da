"""dt.round() of a Datetime by an `every` finer than the column's time unit panics.

`pl.col("t").dt.round("7ns")` on a Datetime("us") column (or "999us" on Datetime("ms")) converts
`every` to the column's unit, which truncates it to 0, and then takes the remainder by it: the
engine panics (attempt to calculate the remainder with a divisor of zero), for null values too,
where it should raise an error (or round by the unit). dt.truncate() with the same `every` returns
the values unchanged; Datetime("ns") rounds by 7ns as expected.

Seen on 1.44.2 and 2.1.0 (a generated rolling().agg(pl.lit(datetime).dt.round(every="7ns")); every
lane, as the in-memory baseline panics). Exits 1 while the panic happens, 0 once fixed. Needs
nothing but Polars.
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

frame = pl.LazyFrame({"t": [datetime.datetime(2000, 2, 29, 12, 30), None]})
query = frame.select(pl.col("t").dt.round("7ns"))
print(f"Polars {pl.__version__}: planned {query.collect_schema()}")
failed = False
for engine in ("in-memory", "streaming"):
    try:
        print(f"  {engine}: {query.collect(engine=engine).to_dicts()}")
    except PanicException as exc:  # the symptom; anything else (an error) means it is fixed
        print(f"  {engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
    except pl.exceptions.PolarsError as exc:
        print(f"  {engine}: raised {type(exc).__name__}: {str(exc).splitlines()[0]}")
sys.exit(1 if failed else 0)
