"""reverse() of a list column whose rows are all null is typed List(Null); the plan keeps List(String).

collect_schema() plans the input's dtype, List(String), but the in-memory engine (and
Series.reverse) return List(Null) for an all-null list column of two or more rows, and a struct
column's list field becomes List(Null) too; so does the streaming engine for such a morsel. Exits 1 while the result's schema differs from the planned
one, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

# a list column, and a struct column with a list field
query = pl.LazyFrame(
    {"x": [None, None], "s": [None, None]},
    schema={"x": pl.List(pl.String), "s": pl.Struct({"f0": pl.List(pl.List(pl.Date))})},
).reverse()
planned = query.collect_schema()
got = query.collect(engine="in-memory").schema
print(f"Polars {pl.__version__}: planned {planned}\nin-memory {got}")
differing = [name for name in planned if planned[name] != got[name]]
for name in differing:  # the suite's wording for this cell
    print(f"column '{name}': {got[name]}, planned {planned[name]}")
sys.exit(1 if differing else 0)
