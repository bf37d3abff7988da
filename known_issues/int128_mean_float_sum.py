"""mean() of a wide Int128 column: the in-memory engine sums in floating point, streaming exactly.

For [null, 1, 2**53, -2**53 + 999999940] the exact mean is 333333313.6666667; the streaming engine
returns it, the in-memory engine 333333313.3333333 (the sum was taken in f64, where 2**53 + 1 is
2**53). Without the null both engines take the f64 path. Exits 1 while the engines disagree, 0 once they agree. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

values = [None, 1, 2**53, -(2**53) + 999_999_940]
query = pl.LazyFrame({"v": values}, schema={"v": pl.Int128}).select(mean=pl.col("v").mean())
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: exact {sum(values[1:]) / 3!r}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming, check_exact=True)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
