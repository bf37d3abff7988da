"""group_by_dynamic(include_boundaries=True) over a Date index: the plan and the result disagree.

collect_schema() plans `_lower_boundary` and `_upper_boundary` as Date; with rows the result holds
them as Datetime, and on an empty frame it has no boundary columns at all. (2.1 plans and returns
Datetime either way.) Exits 1 while either shows, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl

found = False
for rows in (2, 0):
    lf = pl.LazyFrame(
        {"k": [1] * rows, "t": [datetime.date(2020, 1, 1)] * rows},
        schema={"k": pl.Int8, "t": pl.Date},
    )
    query = lf.group_by_dynamic("t", every="1d", group_by="k", include_boundaries=True).agg(
        n=pl.len()
    )
    planned = query.collect_schema()
    got = query.collect(engine="in-memory").schema
    print(f"Polars {pl.__version__}, {rows} rows: planned {dict(planned)}, got {dict(got)}")
    # the suite's planned-schema check, in its words
    if list(got) != list(planned):
        found = True
        print(
            "the result's schema is not the planned one (collect_schema()): the column names differ"
        )
        print(f"columns {list(got)}, planned {list(planned)}")
        continue
    for name, dtype in got.items():
        if dtype != planned[name]:
            found = True
            kinds = f"{dtype.base_type().__name__}, planned {planned[name].base_type().__name__}"
            print(f"column {name!r} is {kinds}")
sys.exit(1 if found else 0)
