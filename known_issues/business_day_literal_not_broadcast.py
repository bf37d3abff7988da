"""dt.is_business_day()/dt.add_business_days() of a literal is not broadcast in memory.

`pl.lit(date(2000, 2, 29)).dt.is_business_day()` in with_columns over a frame of 2 rows raises
InvalidOperationError in memory ("Series b, length 1 doesn't match the DataFrame height of 2"),
ShapeError in select; the streaming engine broadcasts the literal's value. Windowed,
`.over("k")`, it raises ShapeError in memory ("the length of the window expression did not match
that of the group"), where `pl.lit(...).dt.year().over("k")` broadcasts; the streaming engine
raises too (2.1: "expressions must have matching group lengths") unless the column is pruned, so
a query that does not read it fails in memory only. 1.44.2 and 2.1.0 alike.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl

lf = pl.LazyFrame({"k": [2, 2]}, schema={"k": pl.Int8})
day = pl.lit(datetime.date(2000, 2, 29))
windowed = lf.with_columns(day.dt.is_business_day().over("k").alias("b"))
failed = False
for label, query in (
    (
        "with_columns(lit.dt.is_business_day())",
        lf.with_columns(day.dt.is_business_day().alias("b")),
    ),
    (
        "with_columns(lit.dt.add_business_days(1))",
        lf.with_columns(day.dt.add_business_days(1).alias("b")),
    ),
    ("with_columns(lit.dt.is_business_day().over('k'))", windowed),
    # the streaming engine prunes the unread window; the in-memory engine computes it
    (
        "...over('k')).select('b').select(pl.lit(1.0).cum_prod())",
        windowed.select("b").select(pl.lit(1.0).cum_prod()),
    ),
):
    outcome = {}
    for engine in ("in-memory", "streaming"):
        try:
            got = query.collect(engine=engine)
            outcome[engine] = f"returned a frame {got.rows()}"
        except pl.exceptions.PolarsError as exc:
            outcome[engine] = f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
    print(f"Polars {pl.__version__}: {label}: {outcome}")
    if outcome["in-memory"].startswith("raised"):
        failed = True
        if not outcome["streaming"].startswith("raised"):
            print(f"baseline {outcome['in-memory']}; this cell returned a frame")
sys.exit(1 if failed else 0)
