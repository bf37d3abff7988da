"""A reduction (first, last, sum, max, min, mean, std, var) taken straight of a literal or reduction
windowed with mapping_strategy="join" panics on the streaming engine over no rows (assertion
failed: values.dtype() == &self.in_dtype): the plan types the window as the scalar's dtype (Int32),
the reduction receives the List(Int32) the join window makes over no rows
(window-join-reduction-empty-list-dtype). The in-memory engine answers (first: a null
List(Int32); sum: InvalidOperationError).

Over rows both engines answer; the window materialized in an earlier step does not panic. Seen on
1.44.2 and 2.1.0, in a generated query whose filter left no rows, where the window's column was
later dropped, so only the variants without projection pushdown kept it.
Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

empty = pl.LazyFrame({"k": [1]}).clear()
query = empty.select(pl.lit(256).over("k", mapping_strategy="join").first())
print(f"Polars {pl.__version__}: planned {query.collect_schema()['literal']}")
print(f"in-memory: {query.collect(engine='in-memory').schema['literal']}")
try:
    got = query.collect(engine="streaming")
except PanicException as exc:
    print(f"streaming: panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"streaming: {got.schema['literal']}")
sys.exit(0)
