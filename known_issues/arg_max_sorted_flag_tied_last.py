"""arg_max of a column flagged sorted answers the last of tied maxima, not the first.

`pl.col("v").arg_max()` over five zeros answers 0; with the column flagged sorted ascending
(`set_sorted`, or a flag a serialization round trip carries) it answers 4, the last index, and
`arg_min` of a column flagged descending answers the last of tied minima likewise: the sorted
fast path changes the result. Found by the serialization twin of the catalog's
group_by_arg_min_arg_max (the deserialized plan answered 499 of 500 tied values where the
baseline answered 0). Exits 1 while the flagged column answers another index, 0 once they agree.
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

frame = pl.DataFrame({"k": [None] * 5, "v": [0] * 5}, schema={"k": pl.String, "v": pl.Int8})
queries = {
    "select": lambda lf: lf.select(arg_max=pl.col("v").arg_max()),
    "group_by": lambda lf: lf.group_by("k").agg(arg_max=pl.col("v").arg_max()),
}
differs = False
print(f"Polars {pl.__version__}")
for name, query in queries.items():
    plain = query(frame.lazy()).collect(engine="in-memory")
    flagged = query(frame.set_sorted("v").lazy()).collect(engine="in-memory")
    print(
        f"  {name}: arg_max {plain['arg_max'].to_list()}, flagged sorted {flagged['arg_max'].to_list()}"
    )
    try:
        assert_frame_equal(plain, flagged)
    except AssertionError as exc:
        print(f"the query on the column flagged sorted gives another result\n{exc}")
        differs = True
sys.exit(1 if differs else 0)
