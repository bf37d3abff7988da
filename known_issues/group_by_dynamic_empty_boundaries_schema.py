"""group_by_dynamic(include_boundaries=True) of an empty frame: collect() in memory returns no
_lower_boundary/_upper_boundary columns, though collect_schema() plans them.

The in-memory half of group-by-dynamic-empty-boundaries, met by the planned-schema check: with or
without group_by=, on an integer or temporal index. The streaming engine keeps the planned columns.
A later with_columns() of a scalar (pl.lit(2)) then panics in memory, naming the planned schema
(DataFrame::with_column_and_schema_mut), so the in-memory baseline fails every lane's cell.
Seen on 1.44.2; 2.1.0 keeps them in memory too.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

failed = False
print(f"Polars {pl.__version__}")
for index in (pl.Int32, pl.Date):
    lf = pl.LazyFrame(schema={"t": index})
    every = "2i" if index == pl.Int32 else "2d"
    query = lf.group_by_dynamic("t", every=every, include_boundaries=True).agg(n=pl.len())
    planned = query.collect_schema().names()
    for engine in ("in-memory", "streaming"):
        got = query.collect(engine=engine).columns
        if got != planned:
            print(
                f"{index} index, {engine}: the column names differ\ncolumns {got}, planned {planned}"
            )
            failed = True
        else:
            print(f"{index} index, {engine}: columns {got}, as planned")
    # a scalar set beside the missing boundary columns
    later = query.with_columns(pl.lit(2).alias("e"))
    for engine in ("in-memory", "streaming"):
        try:
            got = later.collect(engine=engine).columns
            print(f"{index} index, with_columns(pl.lit(2)), {engine}: columns {got}")
        except PanicException as exc:  # the symptom; anything else means the reproducer broke
            print(f"{index} index, with_columns(pl.lit(2)), {engine}:")
            print(f"panicked: {str(exc).splitlines()[0]}")
            failed = True
sys.exit(1 if failed else 0)
