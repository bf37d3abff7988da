"""list.head/tail/slice of a one-row (scalar) temporal list, pl.datetime_ranges/date_ranges of
literals or pl.lit of a list, with a column as the length or offset: the in-memory engine returns
the list's physical inner dtype (List(Datetime) -> List(Int64), List(Date) -> List(Int32), Time,
Duration and Categorical alike) where collect_schema() and the streaming engine keep the logical
one, so a later dt operation raises InvalidOperationError in memory only (`nanosecond` operation
not supported for dtype `i64`).

A list column, or a literal length, keeps the logical dtype on both engines.
Seen on 1.44.2 and 2.1.0.
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

c = pl.col
frame = pl.LazyFrame({"v": [1, 2]})
ranges = {
    "datetime_ranges": (
        pl.datetime_ranges(datetime.datetime(2000, 1, 1), datetime.datetime(2000, 1, 3)),
        lambda e: e.dt.millisecond(),
    ),
    "date_ranges": (
        pl.date_ranges(datetime.date(2000, 1, 1), datetime.date(2000, 1, 3)),
        lambda e: e.dt.day(),
    ),
}


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, (scalar_list, dt_op) in ranges.items():
    head = scalar_list.list.head(c("v")).alias("e")
    planned = frame.select(head).collect_schema()["e"]
    dtypes = {e: run(frame.select(head), e)[0].schema["e"] for e in ("in-memory", "streaming")}
    print(
        f"Polars {pl.__version__}, {label}(...).list.head(c('v')): planned {planned}; "
        + "; ".join(f"{e} {d}" for e, d in dtypes.items())
    )
    query = frame.select(dt_op(head.list.min()))
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"  {dt_op(c('x'))}: in-memory {expected_error or 'a frame'}; streaming {error or got.rows()}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
    if dtypes["in-memory"] != planned:
        failed = True
sys.exit(1 if failed else 0)
