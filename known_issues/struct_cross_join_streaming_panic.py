"""A cross join with a null Struct column on the right panics on 1.44's streaming engine.

"The validity length of a StructArray must match its number of elements": collect(engine=
"streaming") panics, and so do sink_ipc and sink_parquet (join_where with collapse_joins off runs
as such a cross join); in memory the join returns its rows. Any morsel size shows it (first seen
with small morsels). Fixed in 2.x. Exits 1 while the discrepancy exists, 0 once fixed. Needs
nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import os
import tempfile

import polars as pl
from polars.exceptions import PanicException

left = pl.LazyFrame({"k": [None] * 10}, schema={"k": pl.Int8})
right = pl.LazyFrame({"b": [None] * 3}, schema={"b": pl.Struct({"f0": pl.Int8})})
query = left.join(right, how="cross")
print(f"Polars {pl.__version__}: in memory {query.collect(engine='in-memory').shape}")
panicked = False
with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
    for name, run in (
        ("streaming", lambda: query.collect(engine="streaming")),
        ("sink_ipc", lambda: query.sink_ipc(os.path.join(tmp, "out.ipc"))),
        ("sink_parquet", lambda: query.sink_parquet(os.path.join(tmp, "out.parquet"))),
    ):
        try:
            run()
            print(f"{name}: no panic")
        except PanicException as exc:  # the suite's wording for a panic of the cell
            print(f"{name}: panicked: {str(exc).splitlines()[0]}")
            panicked = True
sys.exit(1 if panicked else 0)
