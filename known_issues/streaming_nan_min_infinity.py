"""nan_min of a column of +inf is the largest finite float on the streaming engine (1.44).

The streaming reduction starts from the largest finite value instead of +inf, so nan_min([inf])
is 1.7976931348623157e+308 (3.4028235e+38 for Float32; nan_max([-inf]) likewise); in memory it is
inf. Fixed in 2.x.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import math

import polars as pl
from polars.testing import assert_frame_equal

failed = False
for dtype in (pl.Float64, pl.Float32):  # Float32: the largest finite float32, 3.4028e38
    query = pl.LazyFrame({"f": [math.inf, math.inf]}, schema={"f": dtype}).select(
        nan_min=pl.col("f").nan_min(), nan_max=(-pl.col("f")).nan_max()
    )
    in_memory = query.collect(engine="in-memory")
    streaming = query.collect(engine="streaming")
    print(f"Polars {pl.__version__}, {dtype}: in-memory {in_memory.row(0)}, streaming ", end="")
    print(streaming.row(0))
    try:  # the suite's comparison: the in-memory baseline on the left
        assert_frame_equal(in_memory, streaming)
    except AssertionError as exc:
        print(exc)
        failed = True
sys.exit(1 if failed else 0)
