"""A cross join whose side is filtered by a literal and reads no column: no rows streaming (1.44).

`left.join(right.filter(pl.lit(True)), how="cross").select("b")` with simplify_expression off
(which would fold the literal filter away): the 1.44 streaming engine returns no rows where the
in-memory engine returns the 4-row cross product; with a column of `right` selected, or with a
filter by a column, both answer. Seen on 1.44.2 as `.join(d, how='cross').remove(pl.lit(False))`
(predicate pushdown moves the `false != true` filter into both sides) followed by median() of the
left side's columns (null instead of 1.0). 2.1 answers on both engines. Exits 1 while the engines
disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

left, right = pl.LazyFrame({"b": [1.0, 2.0]}), pl.LazyFrame({"x": [1, 2]})
query = left.join(right.filter(pl.lit(True)), how="cross").select("b")
flags = pl.QueryOptFlags(simplify_expression=False)
expected = query.collect(engine="in-memory", optimizations=flags)
got = query.collect(engine="streaming", optimizations=flags)
print(f"Polars {pl.__version__}, simplify_expression off")
print(f"  in-memory: {expected.rows()}\n  streaming: {got.rows()}")
try:
    assert_frame_equal(expected, got, check_row_order=False)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
