"""The streaming engine panics comparing struct columns of a cross join whose right side has a null.

With morsels of five rows, a cross join of a five-row Struct column with a two-row Struct column
holding a null row, then `c("m") == c("m_w")` (a filter or a select), panics in the struct
comparison: "assertion `left == right` failed" (left: 2, right: 1, polars-arrow bitmap_ops::and
called from ChunkedArray<StructType>::equal). The in-memory engine answers (10 rows). Seen on 2.1
as a join_where (planned as a cross join) followed by filter(c("m").eq(c("m_w"))) on the
streaming-small-morsels lane; with default morsels 2.1 answers, while 1.44 panics otherwise there
(struct-cross-join-streaming-panic). Exits 1 while the discrepancy exists, 0 once fixed. Needs
nothing but Polars.
"""

import os
import sys

# read once when Polars starts: morsels of five rows (the suite's streaming-small-morsels lane)
os.environ["POLARS_IDEAL_MORSEL_SIZE"] = "5"
os.environ["POLARS_STREAMING_CHUNK_SIZE"] = "5"


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

struct = pl.Struct({"f0": pl.Int64})
left = pl.LazyFrame({"m": [{"f0": i} for i in range(5)]}, schema={"m": struct})
right = pl.LazyFrame({"m_w": [{"f0": 0}, None]}, schema={"m_w": struct})
query = left.join(right, how="cross").select(pl.col("m").eq(pl.col("m_w")))
print(f"Polars {pl.__version__}: in-memory returns {query.collect(engine='in-memory').height} rows")
try:
    got = query.collect(engine="streaming")
except PanicException as exc:  # the suite's wording for a panic of the cell
    print(f"streaming: panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"streaming returns {got.height} rows")
sys.exit(0)
