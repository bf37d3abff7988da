"""list.std() of a List(Datetime), List(Date) or List(Time) column, and arr.mean(), arr.median(),
arr.std() or arr.var() of an Array of them, is planned as the temporal dtype (Datetime, Datetime,
Time) but computed as Float64; the streaming engine trusts the plan, and a window (over), group_by
or equi-join keyed on that column panics: called `Option::unwrap()` on a `None` value (a builder of
the planned dtype handed Float64 values), or on 2.1 with two keys "keys do not match the key
schema of this table". The in-memory engine answers (Float64 keys).

Seen on 1.44.2 and 2.1.0 (the query check: list.std of pl.datetime_ranges, then over(e0, ...);
sort(... .over(c("f0").arr.mean(), ...)) of an Array(Datetime) f0).
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import datetime
import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

c = pl.col
D = datetime.datetime(2020, 1, 1)
lf = pl.LazyFrame(
    {"k": ["a", "b"], "l": [[D], [D, D]], "a": [[D], [D]]},
    schema={"k": pl.String, "l": pl.List(pl.Datetime("us")), "a": pl.Array(pl.Datetime("us"), 1)},
).with_columns(e0=c("l").list.std(), e1=c("a").arr.mean())
planned, computed = lf.collect_schema(), lf.collect(engine="in-memory").schema
for name, label in (("e0", "list.std of List(Datetime)"), ("e1", "arr.mean of Array(Datetime)")):
    print(f"Polars {pl.__version__}: {label} planned {planned[name]}, computed {computed[name]}")

failed = False
for label, query in (
    ("over(e0)", lf.with_columns(w=pl.len().over("e0"))),
    ("group_by(e0, k)", lf.group_by("e0", "k").agg(pl.len())),
    ("over(e1, k)", lf.with_columns(w=pl.len().over("e1", "k"))),
):
    expected = query.collect(engine="in-memory")
    try:
        got = query.collect(engine="streaming")
    except PanicException as exc:
        print(
            f"{label}: in-memory {expected.shape}; streaming panicked: {str(exc).splitlines()[0]}"
        )
        failed = True
    else:
        print(f"{label}: in-memory {expected.shape}; streaming {got.shape}")
sys.exit(1 if failed else 0)
