"""is_first_distinct() taken straight of a literal windowed with mapping_strategy="join" panics on
the streaming engine over no rows: internal error: entered unreachable code (in
SingleKeyHashGrouper::insert_keys_subset of the is_first_distinct node). The plan types the window
as the literal's dtype (Int64), but over no rows the join window makes a List(Int64)
(window-join-reduction-empty-list-dtype; window-join-empty-reduction-streaming-panic is the same
cause under a reduction). The in-memory engine answers an empty Boolean column.

Over rows both engines answer; is_last_distinct(), is_unique() and a column's window answer. Seen
on 2.1.0 in a generated with_columns_seq(pl.lit(65536).over(c("_upper_boundary"),
mapping_strategy='join').is_first_distinct()) after a group_by_dynamic that left no rows (with
small morsels); the streaming engine panics with default morsels too. On 1.44.2 an Int64 literal
panics alike (an Int32 one panics with: dtype is unknown).
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

empty = pl.LazyFrame({"k": ["a"]}).clear()
window = pl.lit(5, dtype=pl.Int64).over("k", mapping_strategy="join")
query = empty.with_columns(window.is_first_distinct().alias("e"))
print(f"Polars {pl.__version__}: planned {query.collect_schema()['e']}")
print(f"in-memory: {query.collect(engine='in-memory').schema['e']}")
try:
    got = query.collect(engine="streaming")
except PanicException as exc:
    print(f"streaming: panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"streaming: {got.schema['e']}")
sys.exit(0)
