"""reverse() of an all-null Struct({"f0": List(Int8)}) column changes the field to List(Null).

The plan's schema keeps List(Int8) (so does the streaming engine on 2.x); the in-memory engine and
Series.reverse return Struct({"f0": List(Null)}). Exits 1 while the dtype changes, 0 once fixed.
Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

df = pl.DataFrame({"x": [None, None]}, schema={"x": pl.Struct({"f0": pl.List(pl.Int8)})})
got = df.lazy().reverse().collect(engine="in-memory")
print(f"Polars {pl.__version__}: input {df.schema}, reversed in memory {got.schema}")
try:  # the in-memory result on the left, as the suite shows it; all null, so reversed is df
    assert_frame_equal(got, df)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)
