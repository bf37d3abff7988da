"""A reversed all-null list column through a streaming equi-join panics.

reverse() of a List(Int64) column whose rows are all null gives a List(Null) column
(reverse-all-null-list-planned-list-null); joining that frame on the streaming engine panics in the
join's probe, which gathers the column into a builder of the planned List(Int64):
called `Option::unwrap()` on a `None` value (polars-arrow array/builder.rs, ListArrayBuilder
gather_extend). The in-memory engine returns the joined rows.

Seen on 1.44.2 and 2.1.0 (the conformance `query` check, streaming lanes).
Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

lf = pl.LazyFrame(
    {"k": [0, 1, 2], "m": [None, None, None]}, schema={"k": pl.Int64, "m": pl.List(pl.Int64)}
)
query = lf.reverse().join(lf, on="k")

expected = query.collect(engine="in-memory")
print(f"Polars {pl.__version__}: in-memory returned {expected.shape[0]} rows")
try:
    got = query.collect(engine="streaming")
except PanicException as exc:
    print(f"streaming: panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"streaming returned {got.shape[0]} rows: the panic is fixed")
sys.exit(0)
