"""list.head of a one-row (scalar) temporal list with a column as the length returns the physical
inner dtype in memory: the result's schema is not collect_schema().

`pl.datetime_ranges(<literals>, time_unit="ns").list.head(pl.col("n"))` is planned as
List(Datetime("ns")) but the in-memory engine returns List(Int64) (the `list-slice-scalar-list-
column-arg-physical-dtype` cause, met here by the in-memory lane's own planned-schema check). Seen
in generated queries on the in-memory lane of Polars 2.1.0 (`column 'e3' is List, planned List`);
1.44.2 has it too. Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run.
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

query = pl.LazyFrame({"n": [1, 0]}).select(
    e3=pl.datetime_ranges(
        datetime.datetime(2000, 1, 1), datetime.datetime(2000, 1, 3), time_unit="ns"
    ).list.head(pl.col("n"))
)
planned = query.collect_schema()["e3"]
got = query.collect(engine="in-memory")["e3"].dtype
print(f"Polars {pl.__version__}")
if got != planned:
    print(
        f"the result's schema is not the planned one (collect_schema()): column 'e3' is {got.base_type()}, planned {planned.base_type()}"
    )
    print(f"column 'e3': {got!r}, planned {planned!r}")
    sys.exit(1)
print(f"in memory returns the planned {planned!r}: fixed")
sys.exit(0)
