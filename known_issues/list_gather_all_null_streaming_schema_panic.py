"""On 1.44 the streaming engine panics on list.gather of a column whose rows are all null.

The in-memory engine types the gathered column List(Null) (the plan says List(Duration)); the
streaming engine panics with "should not fail: SchemaMismatch(... type Duration('ms') is
incompatible with expected type Null)" combining such a chunk with the planned dtype. Exits 1
while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

frame = pl.DataFrame({"l": [None, None, None]}, schema={"l": pl.List(pl.Duration("ms"))})
query = frame.lazy().with_columns(
    ends=pl.col("l").list.gather([0, -1], null_on_oob=True),
    repeated=pl.col("l").list.gather([1, 1, 0], null_on_oob=True),
)
print(f"Polars {pl.__version__}: in-memory {query.collect(engine='in-memory').schema}")
try:
    query.collect(engine="streaming")
except PanicException as exc:  # the suite's wording for a panic of the cell
    print(f"streaming: panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print("streaming returned a frame: the discrepancy is fixed")
sys.exit(0)
