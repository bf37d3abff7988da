"""A user's cache() over a plan that reads one LazyFrame twice panics.

`pl.concat([lf, lf]).cache().collect()` raises PanicException ("called `Option::unwrap()` on a
`None` value") in memory on 2.1.0 and on both engines of 1.44.2; so does a self-join under the
cache (`lf.join(lf, on=...).cache()`, join_asof, join_where and update alike). On 1.44.2 a filter
on a scalar predicate above the cache panics "internal error: entered unreachable code" instead.
All need comm_subplan_elim (the pass that caches the repeated input): with it off the queries
run. The panic is in the optimizer (cse::cache_states), before either engine runs.
Exits 1 while a panic exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

lf = pl.LazyFrame({"x": [1.0]})
failed = False
for label, query in (
    ("concat([lf, lf]).cache()", pl.concat([lf, lf]).cache()),
    ('lf.join(lf, on="x").cache()', lf.join(lf, on="x").cache()),
    (
        "concat([lf, lf]).cache().filter(pl.lit(1).is_empty())",
        pl.concat([lf, lf]).cache().filter(pl.lit(1).is_empty()),
    ),
):
    try:
        got = query.collect(engine="in-memory")
        print(f"Polars {pl.__version__}: {label} returned {got.rows()}")
    except PanicException as exc:
        print(f"Polars {pl.__version__}: {label} panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)
