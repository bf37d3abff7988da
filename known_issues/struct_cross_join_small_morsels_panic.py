"""join_cross with a null Struct column on the right panics on the streaming engine with small
morsels ("The validity length of a StructArray must match its number of elements").

Polars 1.44.2. Exits 1 while the discrepancy exists, 0 once fixed.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import os

# read once at start-up by the engine: set before polars is imported
os.environ["POLARS_IDEAL_MORSEL_SIZE"] = "5"
os.environ["POLARS_STREAMING_CHUNK_SIZE"] = "5"

import base64
import datetime
import io
import zoneinfo
from decimal import Decimal
from math import inf, nan

import polars as pl
from polars.exceptions import PanicException
from polars.testing import assert_frame_equal

c = pl.col
import math


def chunked(frame, layout):
    """Split columns into the chunks the failing input had (some bugs need the boundaries)."""
    columns = []
    for s in frame.get_columns():
        offset, chunks = 0, []
        for n in layout.get(s.name, [s.len()]):
            chunks.append(s.slice(offset, n))
            offset += n
        columns.append(pl.concat(chunks, rechunk=False))
    return pl.DataFrame(columns)


def _canonical(value: object) -> object:
    """A value's sort key under the comparison's own equality.

    -0.0 is 0.0 and every NaN is alike; floats are rounded to 6 significant digits so that two
    results that differ within tolerance still sort their rows alike.
    """
    if isinstance(value, float):
        return "nan" if math.isnan(value) else float(f"{value + 0.0:.6g}")
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    return value


def _sort_rows(df: pl.DataFrame) -> pl.DataFrame:
    """Canonical row order for an order-free comparison, total over every dtype.

    `assert_frame_equal(check_row_order=False)` cannot sort every nested dtype on every version, so
    rows are ordered by a textual encoding of each row's canonical values instead.
    """
    if df.height < 2 or df.width == 0:
        return df
    encoded = [repr(_canonical(row)) for row in df.iter_rows()]
    order = sorted(range(df.height), key=encoded.__getitem__)
    return df[order]


query = lambda left, right: left.join(right, how="cross")

inputs = [
    pl.DataFrame(
        {"k": [None, None, None], "a": [None, None, None]},
        schema={"k": pl.Int8, "a": pl.String},
    ),
    pl.DataFrame(
        {"k": [None, None, None], "b": [None, None, None]},
        schema={"k": pl.Int8, "b": pl.Struct({"f0": pl.Int8})},
    ),
]


def run(engine, **kwargs):
    return query(*(f.lazy() for f in inputs)).collect(engine=engine, **kwargs)


def attempt(engine, **kwargs):
    try:
        return run(engine, **kwargs), None
    except BaseException as exc:  # a panic is a BaseException
        return None, exc


expected, expected_error = attempt("in-memory")
got, got_error = attempt("streaming")
print("baseline: in-memory, all passes on; candidate: streaming-small-morsels, all-on")
if expected_error or got_error:
    for side, error in (("baseline", expected_error), ("candidate", got_error)):
        shown = f"panicked: {error}" if isinstance(error, PanicException) else repr(error)
        print(f"{side}: {shown}")
    sys.exit(0 if type(expected_error) is type(got_error) else 1)
try:
    expected, got = _sort_rows(expected), _sort_rows(got)
    assert_frame_equal(
        expected,
        got,
        check_dtypes=True,
        check_column_order=True,
        check_exact=False,
        rel_tol=1e-05,
        abs_tol=1e-08,
    )
except AssertionError as exc:
    print(f"{exc}\nexpected:\n{expected}\ngot:\n{got}")
    sys.exit(1)
print("results agree: the discrepancy is fixed")
