"""product() of a Decimal(38, 38) column panics: called `Option::unwrap()` on a `None` value.

`pl.col("d").product()` over a Decimal(38, 38) column (values below 1, the widest scale) is
planned as Decimal(38, 38) but panics on every engine; at scale 37 and below it answers. Found by
the generated-query check (a `str.to_decimal(scale=38)` then `product()`). Exits 1 while it
panics, 0 once it answers or raises a Polars error. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

from decimal import Decimal

import polars as pl
from polars.exceptions import PanicException

frame = pl.LazyFrame({"d": [Decimal("0.5"), Decimal("0.25")]}, schema={"d": pl.Decimal(38, 38)})
query = frame.select(pl.col("d").product())
print(f"Polars {pl.__version__}: planned {query.collect_schema()}")
panicked = False
for engine in ("in-memory", "streaming"):
    try:
        print(f"  {engine}: {query.collect(engine=engine).rows()}")
    except PanicException as exc:
        print(f"  {engine}: panicked: {exc}")
        panicked = True
    except pl.exceptions.PolarsError as exc:  # a refusal is the fix too
        print(f"  {engine}: {type(exc).__name__}: {exc}")
sys.exit(1 if panicked else 0)
