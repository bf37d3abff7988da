"""In-memory merge_sorted puts a NaN of the right frame before smaller values of the left frame.

Both inputs are sorted (NaN sorts last): merging [1.0] with [NaN] on a float key gives [NaN, 1.0]
in memory and [1.0, NaN] on the streaming engine, which is what sort() of the union gives. Exits 1
while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

left = pl.LazyFrame({"t": [1.0]}, schema={"t": pl.Float32})
right = pl.LazyFrame({"t": [float("nan")]}, schema={"t": pl.Float32})
query = left.merge_sorted(right, key="t")
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(
    f"Polars {pl.__version__}: in-memory {in_memory['t'].to_list()}, "
    f"streaming {streaming['t'].to_list()}"
)
wrong = False
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:  # (the sortedness property words it as lane != in-memory)
    print(f"streaming != in-memory\n{exc}")
    wrong = True
# on the in-memory lane the sortedness property compares the merge with a stable sort
stacked = pl.concat([left, right]).sort("t", maintain_order=True).collect(engine="in-memory")
try:
    assert_frame_equal(stacked, in_memory)
except AssertionError as differs:
    print(f"left.merge_sorted(right, key=key)\n != a stable sort\n{differs}")
    wrong = True
sys.exit(1 if wrong else 0)
