"""A scalar (a literal, a reduction) windowed with mapping_strategy="join" over no rows: the
in-memory engine returns a List column where collect_schema() plans the scalar's own dtype.

The in-memory lane's own planned-schema check of window-join-reduction-empty-list-dtype. Over rows
every engine gives the planned scalar dtype; in a select over no rows the streaming engine returns
the List too (in with_columns it keeps the planned dtype). Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
empty = pl.LazyFrame(schema={"k": pl.Boolean, "x": pl.Int8})
failed = False
print(f"Polars {pl.__version__}")
for label, scalar in (("a literal", pl.lit(5, pl.Int8)), ("a reduction", c("x").max())):
    query = empty.select(scalar.over(c("k"), mapping_strategy="join").alias("e"))
    planned = query.collect_schema()["e"]
    got = query.collect(engine="in-memory").schema["e"]
    kinds = f"{got.base_type().__name__}, planned {planned.base_type().__name__}"
    print(f"{label}, in-memory: column 'e' is {kinds}\ncolumn 'e': {got}, planned {planned}")
    failed |= got != planned
sys.exit(1 if failed else 0)
