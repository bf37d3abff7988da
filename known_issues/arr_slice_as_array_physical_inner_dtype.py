"""arr.slice/head/tail(as_array=True) loses a logical inner dtype.

`pl.col("r").arr.head(1, as_array=True)` of an `Array(Date, 1)` column is planned
`Array(Date, shape=(1,))` (collect_schema()) but computed `Array(Int32, shape=(1,))` on every
engine: the inner dtype falls to its physical one (Decimal to Int128, Datetime to Int64,
Categorical to UInt32, List(Decimal) to List(Int128)), whatever the width and the rows (none,
nulls or values; a null row panics instead, arr-head-as-array-null-row-panic). A numeric inner
dtype keeps its dtype; as_array=False keeps the logical one. 1.44.2 and 2.1.0 alike.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime
from decimal import Decimal

import polars as pl

lies = []
for rows, dtype in (
    ([[datetime.date(2000, 1, 1)]], pl.Array(pl.Date, 1)),
    ([[[Decimal(1)]]], pl.Array(pl.List(pl.Decimal(3, 0)), 1)),
):
    lf = pl.LazyFrame({"r": rows}, schema={"r": dtype})
    for label, expr in (
        ("arr.slice(1, as_array=True)", pl.col("r").arr.slice(1, as_array=True)),
        ("arr.head(0, as_array=True)", pl.col("r").arr.head(0, as_array=True)),
        ("arr.head(1, as_array=True)", pl.col("r").arr.head(1, as_array=True)),
    ):
        query = lf.select(expr)
        planned = query.collect_schema()["r"]
        for engine in ("in-memory", "streaming"):
            got = query.collect(engine=engine).schema["r"]
            print(f"Polars {pl.__version__} {engine}: {label} of {dtype}: {got}, planned {planned}")
            if got != planned:
                lies.append(f"column 'r': {got}, planned {planned}")
if lies:  # the suite's wording for a schema-mismatch
    print("the result's schema is not the planned one (collect_schema()): " + lies[0])
    print("\n".join(lies))
    sys.exit(1)
sys.exit(0)
