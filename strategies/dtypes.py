"""Dtype groups as Hypothesis strategies, limited to what the installed Polars can generate.

Catalog entries name a group (`NUMERIC`, `KEYS`, `ANY`, ...) for each input column; the group draws
the concrete dtype, so one operation is exercised across every width, unit and time zone.
"""

from __future__ import annotations

from functools import cache

import hypothesis.strategies as st
import polars as pl
from polars.datatypes import DataType, DataTypeClass

TIME_ZONES = (None, "UTC", "Asia/Kathmandu", "America/New_York")
TIME_UNITS = ("ms", "us", "ns")
ENUM_CATEGORIES = ("a", "b", "ü", "")


@cache
def _can_generate(dtype: DataTypeClass) -> bool:
    """Whether this Polars' parametric strategies know `dtype` and can build a Series of it."""
    from polars.testing.parametric.strategies import dtype as parametric_dtypes

    known = getattr(parametric_dtypes, "_FLAT_DTYPES", None)
    if known is not None and dtype not in known:
        return False
    try:
        pl.Series("probe", [0, 1, None], dtype=dtype).to_list()
    except Exception:
        return False
    return True


def _present(*names: str) -> st.SearchStrategy[DataTypeClass]:
    """The named dtypes this Polars has and can generate; probed on first draw, not at import."""

    def build() -> st.SearchStrategy[DataTypeClass]:
        found = [getattr(pl, n) for n in names if hasattr(pl, n)]
        return st.sampled_from([dt for dt in found if _can_generate(dt)])

    return st.deferred(build)


_INTEGER_NAMES = ("Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64")
integers = _present(*_INTEGER_NAMES, "Int128", "UInt128")
# polars' parametric strategies cannot build 128-bit integers inside lists or structs.
_nestable_integers = _present(*_INTEGER_NAMES)
floats = _present("Float32", "Float64")
decimals = st.builds(
    lambda precision, scale: pl.Decimal(precision, min(scale, precision)),
    st.integers(1, 38),
    st.integers(0, 10),
)
numeric = st.one_of(integers, floats)
strings = st.just(pl.String)
binary = st.just(pl.Binary)
booleans = st.just(pl.Boolean)
dates = st.just(pl.Date)
datetimes = st.builds(pl.Datetime, st.sampled_from(TIME_UNITS), st.sampled_from(TIME_ZONES))
durations = st.builds(pl.Duration, st.sampled_from(TIME_UNITS))
times = st.just(pl.Time)
temporal = st.one_of(dates, datetimes, durations, times)
categoricals = st.sampled_from([pl.Categorical, pl.Enum(list(ENUM_CATEGORIES))])
_non_integer_scalars = st.one_of(
    floats, decimals, strings, binary, booleans, temporal, categoricals
)
scalars = st.one_of(integers, _non_integer_scalars)
_nestable_scalars = st.one_of(_nestable_integers, _non_integer_scalars)


def _structs(inner: st.SearchStrategy[DataType]) -> st.SearchStrategy[DataType]:
    """Structs of 1-3 fields named f0, f1, f2 (so every struct has a field `f0`)."""
    return st.lists(inner, min_size=1, max_size=3).map(
        lambda fields: pl.Struct({f"f{i}": dt for i, dt in enumerate(fields)})
    )


def _nest(inner: st.SearchStrategy[DataType]) -> st.SearchStrategy[DataType]:
    return st.one_of(
        inner.map(pl.List), st.builds(pl.Array, inner, st.integers(1, 3)), _structs(inner)
    )


_any_depth = st.recursive(_nestable_scalars, _nest, max_leaves=3)
nested = _nest(_any_depth)
lists = _any_depth.map(pl.List)
any_dtype = st.one_of(scalars, nested)
# Keys for group_by / join / over: dtypes whose values come from a small pool so that groups and
# matches actually occur.
keys = st.one_of(integers, strings, booleans, dates, categoricals)
# Narrower groups for operations that accept only some dtypes.
zoned_datetimes = st.builds(
    pl.Datetime, st.sampled_from(TIME_UNITS), st.sampled_from([tz for tz in TIME_ZONES if tz])
)
_nestable_numeric = st.one_of(_nestable_integers, floats)
numeric_lists = _nestable_numeric.map(pl.List)
scalar_lists = _nestable_scalars.map(pl.List)
string_lists = strings.map(pl.List)
# Element dtypes that list set operations accept (booleans and nested elements are refused).
set_lists = st.one_of(
    _nestable_numeric, decimals, strings, binary, dates, datetimes, durations, times
).map(pl.List)
arrays = st.builds(pl.Array, _any_depth, st.integers(1, 3))
numeric_arrays = st.builds(pl.Array, _nestable_numeric, st.integers(1, 3))
structs = _structs(_any_depth)
