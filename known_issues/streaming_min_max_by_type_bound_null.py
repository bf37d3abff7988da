"""A streaming select of v.min_by(v) (v.max_by(v)) is null at the dtype's maximum (minimum) or NaN.

`select(pl.col("v").min_by("v"))` over one Int32 row holding 2147483647 is that value in memory
and null on the streaming engine, as is `max_by` over -2147483648 (or a UInt8 0), and both over a
column of NaN; inside group_by both answer. Found by the select_min_by_max_by check on Polars
1.44.2. Exits 1 while the engines disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

failed = False
cases = (
    ("min_by", [2147483647], pl.Int32),
    ("max_by", [-2147483648], pl.Int32),
    ("min_by", [float("nan")], pl.Float64),
    ("max_by", [float("nan")], pl.Float64),
)
for name, values, dtype in cases:
    column = f"v_{name}"
    query = pl.LazyFrame({"v": values}, schema={"v": dtype}).select(
        getattr(pl.col("v"), name)("v").alias(column)
    )
    in_memory = query.collect(engine="in-memory")
    streaming = query.collect(engine="streaming")
    print(f"Polars {pl.__version__}: {column} of {dtype} {values}: ", end="")
    print(f"in-memory {in_memory.rows()}, streaming {streaming.rows()}")
    try:  # the suite's comparison: the in-memory baseline on the left
        assert_frame_equal(in_memory, streaming)
    except AssertionError as exc:
        print(exc)
        failed = True
sys.exit(1 if failed else 0)
