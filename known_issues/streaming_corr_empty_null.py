"""pl.corr() of an empty column is NaN in memory and null on the streaming engine.

The Pearson correlation of two empty columns (or of an empty column and a literal, once a
filter has emptied the frame) is NaN in memory, as with one row or constant columns; the
streaming engine answers null. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing
but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

query = pl.LazyFrame({"w": []}, schema={"w": pl.Float64}).select(
    e0=pl.corr(pl.col("w"), pl.col("w"))
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory['e0'][0]}, streaming {streaming['e0'][0]}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
