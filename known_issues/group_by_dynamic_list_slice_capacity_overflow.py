"""An aggregation of empty lists per window of group_by_dynamic (list.slice() past the end of
nested lists, int_ranges(2, 0)) panics with "capacity overflow" in memory.

Seven rows as a generated query met them (each window holds one row; some lists are null). The
same slice in a plain select, or per group of group_by, answers; so does the streaming engine.
Seen on 1.44.2 and 2.1.0.
Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
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

utc = datetime.timezone.utc
frame = pl.DataFrame(
    {
        "z": [
            datetime.datetime(1686, 8, 6, 23, 44, 47, 1751, tzinfo=utc),
            datetime.datetime(1701, 5, 5, 18, 5, 11, 5732, tzinfo=utc),
            datetime.datetime(1812, 3, 16, 10, 21, 32, 593112, tzinfo=utc),
            datetime.datetime(1863, 12, 31, 16, 19, 22, 46260, tzinfo=utc),
            datetime.datetime(1951, 8, 26, 13, 14, 7, 3519, tzinfo=utc),
            datetime.datetime(1963, 6, 21, 17, 21, 29, 65536, tzinfo=utc),
            datetime.datetime(1988, 1, 1, 0, 14, 14, 11462, tzinfo=utc),
        ],
        "y": [
            [None, [0, 140], None],
            None,
            [],
            None,
            [],
            None,
            [[39, 184], None, [None, 254, 175]],
        ],
    },
    schema={"z": pl.Datetime("ns", "UTC"), "y": pl.List(pl.List(pl.UInt8))},
)
sliced = pl.col("y").list.slice(128, 5)
queries = {
    "select": frame.lazy().select(sliced),
    "group_by": frame.lazy().group_by("z").agg(sliced),
    "group_by_dynamic": frame.lazy()
    .group_by_dynamic("z", every="2d", period="2d", closed="left")
    .agg(sliced),
    # another aggregation of empty lists per window
    "group_by_dynamic, int_ranges(2, 0)": frame.lazy()
    .group_by_dynamic("z", every="36h", closed="right")
    .agg(pl.int_ranges(pl.lit(2), pl.lit(0))),
}
failed = False
print(f"Polars {pl.__version__}")
for name, query in queries.items():
    try:
        print(f"{name}: a frame of shape {query.collect(engine='in-memory').shape}")
    except PanicException as exc:
        print(f"{name}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)
