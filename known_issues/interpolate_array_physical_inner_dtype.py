"""interpolate() of an Array column with a logical inner dtype computes the physical inner dtype.

`collect_schema()` of `LazyFrame.interpolate()` keeps an Array(Time, 2) column (Array(Date),
Array(Decimal), Array(List(List(Time))), ...) as it is; the in-memory engine returns it as
Array(Int64, 2) (Int32, Int128, ...), rows or none (Series.interpolate() does the same). The
streaming engine returns the planned dtype where nothing is interpolated (no rows) and panics
where a null row is ("should not fail: SchemaMismatch(... type Int64 is incompatible with expected
type Time)"), and so do sink_parquet and sink_ipc. A List(Time) column is left alone on both.
Seen on 1.44.2 and 2.1.0 (the generated-query check: `a.interpolate()` of an empty frame with an
Array(List(List(Time)), 2) column; baseline Int64 inside, every streaming lane Time).
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

dtype = pl.Array(pl.List(pl.List(pl.Time)), 2)
t = datetime.time(1)
rows = pl.LazyFrame({"r": [[[[t]], [[t]]], None, [[[t]], None]]}, schema={"r": dtype})


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except PanicException as exc:
        return None, f"panicked: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
for label, query in (
    ("interpolate() of no rows", rows.clear().interpolate()),
    ("interpolate() of rows with a null row", rows.interpolate()),
):
    planned = query.collect_schema()["r"]
    (expected, expected_error), (streaming, error) = (
        run(query, "in-memory"),
        run(query, "streaming"),
    )
    print(
        f"{label}: planned {planned}; in-memory {expected_error or expected.dtypes}, "
        f"streaming {error or streaming.dtypes}"
    )
    if expected is not None and expected.schema["r"] != planned:
        print(f"column 'r': {expected.schema['r']}, planned {planned}")
        failed = True
    if error:
        print(error)
        failed = True
    elif expected is not None:
        try:
            assert_frame_equal(expected, streaming)
        except AssertionError as exc:
            print(exc)
            failed = True
sys.exit(1 if failed else 0)
