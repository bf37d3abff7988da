"""merge_sorted(maintain_order=True) on the streaming engine interleaves the two frames' null keys.

maintain_order=True promises the left frame's rows before the right frame's among equal keys. With
null keys (first, as merge_sorted takes them) the streaming engine emits some right rows between
the left frame's null-key rows; the in-memory engine and a stable sort of the concatenation keep
them in order. Equal non-null keys keep the order. Exits 1 while the discrepancy exists, 0 once
fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

schema = {"s": pl.Int8, "x": pl.Int8}
left = pl.LazyFrame({"s": [None] * 5, "x": [1, 2, 3, 4, 5]}, schema=schema)
right = pl.LazyFrame({"s": [None] * 4 + [0], "x": [11, 12, 13, 14, 15]}, schema=schema)
key = "s"
stacked = pl.concat([left, right]).sort(key, nulls_last=False, maintain_order=True).collect()
merged = left.merge_sorted(right, key=key, maintain_order=True).collect(engine="streaming")
print(f"Polars {pl.__version__}\nstable sort: {stacked['x'].to_list()}")
print(f"streaming merge_sorted(maintain_order=True): {merged['x'].to_list()}")
try:  # the sortedness property: the merge on the lane == a stable sort of the concatenation
    assert_frame_equal(stacked, merged)
except AssertionError as exc:
    # as the suite shows it: the check, the difference, the rows that differ (all null keys)
    rows = [i for i, (a, b) in enumerate(zip(stacked["x"], merged["x"], strict=True)) if a != b]
    print("    return left.merge_sorted(right, key=key, maintain_order=True)")
    print(f" != a stable sort of the concatenation\n{exc}")
    shown = f"rows {', '.join(map(str, rows))} of {stacked.height} as compared"
    print(f"--- {shown}, the first whose 'x' differs: expected ---\n{stacked[rows]}")
    print(f"--- got ---\n{merged[rows]}")
    sys.exit(1)
sys.exit(0)
