"""In-memory merge_sorted on an Enum key merges by the strings, not by the Enum's order.

With Enum(["a", "b", ""]) both inputs are sorted (["a", "b"] and [""]); sort() puts "" last, and so
does the streaming engine's merge_sorted, but the in-memory engine puts "" first. Exits 1 while the
discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

enum = pl.Enum(["a", "b", ""])
left = pl.LazyFrame({"t": ["a", "b"]}, schema={"t": enum})
right = pl.LazyFrame({"t": [""]}, schema={"t": enum})
expected = pl.concat([left, right]).sort("t").collect()["t"].to_list()
print(f"Polars {pl.__version__}\nsort():    {expected}")
got = {e: left.merge_sorted(right, key="t").collect(engine=e) for e in ("in-memory", "streaming")}
for engine, frame in got.items():
    print(f"{engine:<10} {frame['t'].to_list()}")
ok = all(frame["t"].to_list() == expected for frame in got.values())
if not ok:  # the sortedness property: the merge on the lane != a sort of the concatenation
    print(f"left.merge_sorted(right, key='t') on the in-memory lane:\n{got['in-memory']}")
try:  # the catalog's comparison (and the property's on the streaming lane): in-memory on the left
    assert_frame_equal(got["in-memory"], got["streaming"])
except AssertionError as exc:
    print(f"streaming != in-memory\n{exc}")
    ok = False
sys.exit(0 if ok else 1)
