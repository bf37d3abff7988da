"""pl.when().then(<int literal>).otherwise(<Time or Date column>) is planned with an unresolved
dtype: collect_schema() says Unknown (a frame built on that schema has Null), while collect()
returns Int64 (Time) or Int32 (Date) on every engine.

A typed literal (pl.lit(1, pl.Int32)) or an integer column plans Int64, and pl.coalesce() of the
same pair raises at planning (invalid or ambiguous dtypes: [dyn int, time]). As a group_by key the
streaming engine panics (see the row-encoding panic). Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime as dt

import polars as pl

c = pl.col
frame = pl.LazyFrame(
    {"k": [True, False], "t": [dt.time(1), None], "d": [dt.date(2020, 1, 1), None]},
    schema={"k": pl.Boolean, "t": pl.Time, "d": pl.Date},
)
failed = False
print(f"Polars {pl.__version__}")
for column in ("t", "d"):
    query = frame.select(pl.when(c("k")).then(pl.lit(1)).otherwise(c(column)).alias("g"))
    raw = query.collect_schema()["g"]
    planned = pl.DataFrame(schema=query.collect_schema()).schema["g"]  # as the suite reads it
    for engine in ("in-memory", "streaming"):
        got = query.collect(engine=engine).schema["g"]
        if got != planned:
            kinds = f"{got.base_type().__name__}, planned {planned.base_type().__name__}"
            print(
                f"{column} ({frame.collect_schema()[column]}), {engine}: column 'g' is {kinds}\n"
                f"column 'g': {got}, planned {planned} (collect_schema() says {raw})"
            )
            failed = True
        else:
            print(f"{column}, {engine}: the result's schema is the planned one ({planned})")
sys.exit(1 if failed else 0)
