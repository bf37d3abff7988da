"""On 2.x the streaming engine panics reversing a list column whose morsels mix all-null ones.

reverse() of an all-null list chunk of two or more rows is typed List(Null). With morsels of two
rows, the column [[], None, None, None] gives one morsel that keeps List(String) and one that
becomes List(Null), and combining them panics: "should not fail: SchemaMismatch(... type String is
incompatible with expected type Null)". The in-memory engine returns List(String). Exits 1 while
the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import os
import sys

# read once when Polars starts: morsels of two rows
os.environ["POLARS_IDEAL_MORSEL_SIZE"] = "2"
os.environ["POLARS_STREAMING_CHUNK_SIZE"] = "2"


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

query = pl.LazyFrame({"x": [[], None, None, None]}, schema={"x": pl.List(pl.String)}).reverse()
print(f"Polars {pl.__version__}: in-memory {query.collect(engine='in-memory').schema}")
try:
    got = query.collect(engine="streaming")
except PanicException as exc:  # the suite's wording for a panic of the cell
    print(f"streaming: panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"streaming returned {got.schema}: the discrepancy is fixed")
sys.exit(0)
