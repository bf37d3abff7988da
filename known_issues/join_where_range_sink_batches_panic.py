"""On 1.44 sink_batches of a join_where with two inequalities (a range join) panics.

left.join_where(right, p >= lo, p < hi).sink_batches(callback) panics with "assertion `left ==
right` failed (left: 1, right: 2)", whatever the frames hold (even empty ones); collect() on either
engine, collect_batches() and the file sinks return the join. Fixed in 2.x. Exits 1 while the
discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

left = pl.LazyFrame({"p": [1, 4]}, schema={"p": pl.Int8})
right = pl.LazyFrame({"lo": [0], "hi": [3]}, schema={"lo": pl.Int8, "hi": pl.Int8})
query = left.join_where(right, pl.col("p") >= pl.col("lo"), pl.col("p") < pl.col("hi"))
print(f"Polars {pl.__version__}: collect() {query.collect(engine='streaming').rows()}")
batches = []
try:
    query.sink_batches(batches.append, chunk_size=7)
except PanicException as exc:  # the suite's wording for a panic of the cell
    print(f"sink_batches: panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"sink_batches: {pl.concat(batches).rows() if batches else 'no batch'}")
sys.exit(0)
