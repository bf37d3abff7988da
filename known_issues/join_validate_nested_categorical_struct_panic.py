"""A left join with validate="1:m" panics on a Struct(List(List(Categorical))) right column.

The left frame is empty; the right one holds a null struct and a struct whose list field is null.
Without `validate` the join works, and so does the in-memory engine; with it the streaming engine
(and, on 2.x, collect_all) panics: "The children DataTypes of a StructArray must equal the children
data types" (the inner list's categorical metadata is lost). Exits 1 while the panic exists, 0 once
fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

left = pl.LazyFrame({"k": []}, schema={"k": pl.Int8})
right = pl.LazyFrame(
    {"k": [None, -1], "b": [None, {"f0": None}]},
    schema={"k": pl.Int8, "b": pl.Struct({"f0": pl.List(pl.List(pl.Categorical))})},
)
query = left.join(right, on="k", how="left", validate="1:m")
print(f"Polars {pl.__version__}")
print(f"in-memory: {query.collect(engine='in-memory').shape}")
try:
    print(f"streaming: {query.collect(engine='streaming').shape}")
except PanicException as exc:
    print(f"streaming panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
sys.exit(0)
