"""group_by().agg() / group_by_dynamic().agg() over no rows of an expression that cannot be cast to
its planned dtype (when/then of a List(Time) literal, pl.time_ranges, with an otherwise() of
strings: a cast List(Time) -> String): the in-memory engine raises InvalidOperationError (cannot
cast List type (inner: 'Time', to: 'String')), the streaming engine never evaluates the aggregation
and returns an empty frame.

Over rows, and in a select()/with_columns() over no rows, both engines raise. Seen on 1.44.2 and
2.1.0. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import datetime
import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
empty = pl.LazyFrame({"k": [datetime.date(2024, 1, 1)]}).clear()
value = (
    pl.when(pl.lit(True))
    .then(pl.time_ranges(datetime.time(0), datetime.time(12), interval="5h"))
    .otherwise(c("k").dt.strftime("%Y"))
    .alias("a")
)


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, query in (
    ("group_by", empty.group_by("k").agg(value)),
    ("group_by_dynamic", empty.sort("k").group_by_dynamic("k", every="2d").agg(value)),
):
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, {label}: in-memory {expected_error or 'a frame'}; "
        f"streaming {error or got.shape}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
