"""In-memory merge_sorted(maintain_order=True) puts the right frame's row first on equal NaN keys.

Both frames hold one row with the key NaN. With maintain_order=True a tie keeps the left frame's
row first, as the streaming engine does; the in-memory engine puts the right frame's row first.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

schema = {"t": pl.Float32, "x": pl.Int8}
left = pl.LazyFrame({"t": [float("nan")], "x": [None]}, schema=schema)
right = pl.LazyFrame({"t": [float("nan")], "x": [0]}, schema=schema)
query = left.merge_sorted(right, key="t", maintain_order=True)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(
    f"Polars {pl.__version__}: in-memory x {in_memory['x'].to_list()}, "
    f"streaming x {streaming['x'].to_list()} (left's row is x=None)"
)
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    print("--- expected (baseline) ---")
    print(in_memory)
    # the sortedness property compares the merge with a stable sort of the stacked frames
    stacked = pl.concat([left, right]).sort("t", maintain_order=True).collect(engine="in-memory")
    print(
        "left.merge_sorted(right, key=key, maintain_order=True)\n != a stable sort on the in-memory lane"
    )
    print(f"--- expected ---\n{stacked}\n--- got ---\n{in_memory}")
    sys.exit(1)
sys.exit(0)
