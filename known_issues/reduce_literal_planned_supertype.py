"""pl.reduce(lambda acc, x: acc + x, [pl.lit(1), <Int8 column>]) is planned as Int8 (the supertype
of the dynamic integer literal and the column) but computed as Int32 (the Python callback adds the
literal's Int32 Series): a select returns Int32 where collect_schema() says Int8, and the streaming
engine, which trusts the plan, groups by it as an Int8 key: 1.44 returns the key as Int8 with a
wrong value (0 for 6), 2.1 panics (keys do not match the key schema of this table). A UInt32
column (list.arg_max()) with pl.lit(65536) is planned UInt32 and computed Int64 alike.

Seen on 1.44.2 and 2.1.0 (the generated query grouped by pl.reduce([pl.lit(1), z.dt.day()]);
later ones selected pl.reduce([c("l").list.last().to_physical().list.arg_max(), pl.lit(65536)])).
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl
from polars.exceptions import PanicException
from polars.testing import assert_frame_equal

c = pl.col
frame = pl.LazyFrame(
    {"y": [1, 2, 1], "z": [datetime.datetime(2000, 1, 5), None, datetime.datetime(2000, 1, 5)]},
    schema={"y": pl.Int64, "z": pl.Datetime("ms")},
)
# dt.day() is Int8; pl.lit(1) a dynamic integer literal
g = pl.reduce(lambda acc, x: acc + x, [pl.lit(1), c("z").dt.day()]).alias("g")
failed = False
print(f"Polars {pl.__version__}")

# 1. the planned schema: Int8, the result Int32
selected = frame.select(g)
planned, got = selected.collect_schema()["g"], selected.collect(engine="in-memory").schema["g"]
print(f"select: planned {planned}, in memory {got}")
if planned != got:
    print(
        f"the result's schema is not the planned one (collect_schema()): column 'g' is {got}, planned {planned}"
    )
    failed = True

# 1b. a UInt32 column (list.arg_max()) and pl.lit(65536): planned UInt32, the result Int64
lists = pl.LazyFrame({"l": [[1, 3], [2, 0]]}, schema={"l": pl.List(pl.Int64)})
selected = lists.select(
    pl.reduce(lambda acc, x: acc + x, [c("l").list.arg_max(), pl.lit(65536)]).alias("e")
)
planned, got = selected.collect_schema()["e"], selected.collect(engine="in-memory").schema["e"]
print(f"select over list.arg_max(): planned {planned}, in memory {got}")
if planned != got:
    print(
        f"the result's schema is not the planned one (collect_schema()): column 'e' is {got}, planned {planned}"
    )
    failed = True

# 2. the streaming engine groups by it as the planned Int8
grouped = frame.group_by("y", g).len()
expected = grouped.collect(engine="in-memory").sort("y")
try:
    streamed = grouped.collect(engine="streaming").sort("y")
except PanicException as exc:
    print(f"group_by on the streaming engine:\npanicked: {str(exc).splitlines()[0]}")
    failed = True
else:
    print(
        f"group_by: in memory {expected.rows()} ({expected.schema['g']}), streaming {streamed.rows()} ({streamed.schema['g']})"
    )
    try:
        assert_frame_equal(expected, streamed)
    except AssertionError as exc:
        print(exc)
        failed = True
sys.exit(1 if failed else 0)
