"""std(ddof=0) / var(ddof=0) of a rolling() or overlapping group_by_dynamic() window that holds
only nulls is null in memory and 0.0 on the streaming engine.

group_by().agg(std(ddof=0)) and select(std(ddof=0)) of only nulls are null on both engines, so the
streaming engine's 0.0 is the wrong side (in memory a non-overlapping group_by_dynamic() window of
only nulls gives 0.0 too). A join on the result then matches other rows. Seen on 1.44.2 and 2.1.0.
Exits 1 while the engines differ, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

c = pl.col
lf = pl.LazyFrame({"t": [1, 2, 3], "k": [None, 1.0, 2.0]})
queries = {
    "rolling(period='1i')": lf.rolling("t", period="1i").agg(c("k").std(ddof=0)),
    "group_by_dynamic(every='1i', period='2i')": pl.LazyFrame(
        {"t": [1, 5, 6], "k": [None, 1.0, 1.0]}
    )
    .group_by_dynamic("t", every="1i", period="2i")
    .agg(c("k").var(ddof=0)),
}
differs = False
for label, query in queries.items():
    expected = query.collect(engine="in-memory")
    got = query.collect(engine="streaming")
    print(
        f"Polars {pl.__version__}, {label}: in-memory {expected['k'].to_list()}, "
        f"streaming {got['k'].to_list()}"
    )
    try:
        assert_frame_equal(expected, got)
    except AssertionError as exc:
        print(exc)
        differs = True
sys.exit(1 if differs else 0)
