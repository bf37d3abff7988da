"""list.std() of a list of Datetimes (or Dates) is planned as Datetime('us') but computed as
Float64; a Datetime operation on it (dt.to_string()) after a filter that passes no rows then
raises InvalidOperationError (`to_string` operation not supported for dtype `f64`) in memory, which
evaluates it on the empty frame, while the streaming engine never evaluates it and returns the
empty frame.

Seen on 1.44.2 and 2.1.0 (the generated query: pl.datetime_ranges(...).list.std(ddof=1), then a
group_by keyed on dt.to_string() of it, under filter(pl.lit(False), ...)).
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

c = pl.col
moment = pl.lit(datetime.datetime(2000, 1, 1))
std = pl.datetime_ranges(moment, moment, interval="13h").list.std(ddof=1).alias("e0")
frame = pl.LazyFrame({"s": ["a", "b"]}).select(std, "s")
print(
    f"Polars {pl.__version__}: list.std() planned {frame.collect_schema()['e0']}, "
    f"computed {frame.collect().schema['e0']}"
)
query = frame.filter(c("s") == "z").select(c("e0").dt.to_string().alias("g"))


def run(engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


(_, expected_error), (got, error) = run("in-memory"), run("streaming")
print(f"in-memory: {expected_error or 'a frame'}; streaming: {error or got.shape}")
if (expected_error is None) != (error is None):
    if expected_error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
    else:
        print(f"baseline returned a frame; this cell raised {error}")
    sys.exit(1)
sys.exit(0)
