"""filter() given several predicates, one a Date expression behind a window (`over()`) or a
`sort()`, under a select that reads no column of its input (an aggregated literal,
pl.lit(1).sum()): the in-memory engine evaluates the filter and raises InvalidOperationError
(casting from Date to Boolean not supported), the streaming engine never evaluates the input of the
select and returns one row.

(The predicates are combined into one Boolean-typed predicate, so the plan-time check "filter
predicate must be of type `Boolean`" that a single Date predicate meets does not fire; the cast to
Boolean fails only at evaluation.) The mechanism of no-column-select-skips-input-streaming, with a
filter predicate's cast error. Seen on 1.44.2 and 2.1.0 (a group_by_dynamic().agg() frame filtered
by pl.lit(date).over(t, order_by=...) beside a comparison, then a select of aggregated literals).
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
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
frame = pl.LazyFrame({"k": [1, 2], "b": [True, False], "d": [datetime.date(2000, 2, 29)] * 2})


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, predicate in (
    ("a window of a Date literal", pl.lit(datetime.date(2000, 2, 29)).over("k")),
    ("a window of a Date column", c("d").over("k")),
    ("a sort of a Date column", c("d").sort()),
):
    query = frame.filter(c("b"), predicate).select(pl.lit(1).sum())
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, {label}: in-memory {expected_error or 'a frame'}; "
        f"streaming {error or got.shape}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
