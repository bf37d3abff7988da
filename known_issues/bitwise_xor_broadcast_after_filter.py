"""bitwise_xor() of a Boolean column that holds a broadcast aggregate (c("b").all() beside
another column), after a sort and drop_nulls() have removed rows, answers for the wrong number of
rows: two rows of True xor to True, three to False. The column's sum() is right.

Seen on the streaming engine of 1.44.2 and 2.1.0 (the in-memory engine answers right; on 2.1.0 it
was seen wrong too with c("e1").sum() in the same with_columns).
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

from functools import reduce
from operator import xor

import polars as pl

c = pl.col
failed = False
for xs in ([None, 1, None, 2], [None, 1, 2, 3]):
    query = (
        pl.LazyFrame({"x": xs, "b": [True] * len(xs)})
        .sort("x")
        .select(c("x"), c("b").all().alias("e1"))
        .drop_nulls()
        .with_columns(c("e1").bitwise_xor().alias("e"))
    )
    rows = sum(x is not None for x in xs)
    expected = reduce(xor, [True] * rows)
    for engine in ("in-memory", "streaming"):
        got = query.collect(engine=engine)["e"].to_list()
        print(
            f"Polars {pl.__version__}, {engine}, {rows} rows of True: bitwise_xor {got[0]}, "
            f"expected {expected}"
        )
        if got != [expected] * rows:
            print(
                f'DataFrames are different (value mismatch for column "e"): {engine} '
                "bitwise_xor of a broadcast column after drop_nulls"
            )
            failed = True
sys.exit(1 if failed else 0)
