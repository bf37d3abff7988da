"""rolling().agg(bitwise_or()/bitwise_and()) of a Boolean column over an empty window: the
streaming engine answers the identity (False for bitwise_or, True for bitwise_and) where the
in-memory engine answers null.

`rolling(index_column="z", period="1d", closed="none")` gives each row a window without the row
itself, so a one-row frame has one empty window. In memory its bitwise_or()/bitwise_and() is null,
as is the same reduction of an empty Boolean column in select() (both engines) and of an Int64
column in the same empty window (both engines); the streaming engine answers False / True.
(bitwise_xor() answers False on both engines.) Seen by the conformance suite in a rolling()
aggregation `....str.contains_any([...]).bitwise_or()` whose windows were empty (closed="none");
1.44.2 and 2.1.0 alike (the all-null group the other way round is
group-by-bitwise-bool-all-null-in-memory).
Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl
from polars.testing import assert_frame_equal

c = pl.col
lf = pl.LazyFrame(
    {"z": [datetime.datetime(2000, 1, 1)], "b": [True], "i": [5]},
    schema={"z": pl.Datetime("ms"), "b": pl.Boolean, "i": pl.Int64},
)
failed = False
for name in ("bitwise_or", "bitwise_and"):
    query = lf.rolling(index_column="z", period="1d", closed="none").agg(
        getattr(c("b"), name)().alias("a1"), getattr(c("i"), name)().alias("int")
    )
    expected, got = query.collect(engine="in-memory"), query.collect(engine="streaming")
    print(
        f"Polars {pl.__version__}, {name}() of an empty window: in-memory "
        f"{expected.drop('z').row(0)}, streaming {got.drop('z').row(0)} (Boolean, Int64)"
    )
    try:
        assert_frame_equal(expected, got)
    except AssertionError as exc:
        print(exc)
        failed = True
sys.exit(1 if failed else 0)
