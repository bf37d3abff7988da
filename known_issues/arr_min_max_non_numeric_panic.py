"""arr.max() / arr.min() of an Array of a non-numeric dtype panics instead of answering or refusing.

collect_schema() plans `pl.col("r").arr.max()` over an Array(Time, 2) column as Time, and
list.max() of the same values answers, but collecting it panics on every engine: "not
implemented for dtype Time" (likewise Boolean, Date, String, Duration). Found by the
generated-query check. Exits 1 while it panics, 0 once it answers or raises a Polars error.
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
from polars.exceptions import PanicException

values = pl.Series("r", [[datetime.time(1), datetime.time(2)]], dtype=pl.Array(pl.Time, 2))
panicked = False
for name in ("max", "min"):
    query = pl.DataFrame([values]).lazy().select(getattr(pl.col("r").arr, name)())
    print(f"Polars {pl.__version__}: arr.{name}() planned {query.collect_schema()}")
    for engine in ("in-memory", "streaming"):
        try:
            print(f"  {engine}: {query.collect(engine=engine).item()}")
        except PanicException as exc:
            print(f"  {engine}: panicked: {exc}")
            panicked = True
        except pl.exceptions.PolarsError as exc:  # a refusal is the fix too
            print(f"  {engine}: {type(exc).__name__}: {exc}")
sys.exit(1 if panicked else 0)
