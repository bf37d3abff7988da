"""Dtype groups as Hypothesis strategies, limited to what the installed Polars can generate.

Catalog entries name a group (`NUMERIC`, `KEYS`, `ANY`, ...) for each input column; the group draws
the concrete dtype, so one operation is exercised across every width, unit and time zone.
"""

from __future__ import annotations

from functools import cache

import hypothesis.strategies as st
import polars as pl
from hypothesis import HealthCheck, find, settings
from polars.testing.parametric import column, dataframes

from polars.datatypes import DataType, DataTypeClass  # isort: skip

TIME_ZONES = (None, "UTC", "Asia/Kathmandu", "America/New_York")
TIME_UNITS = ("ms", "us", "ns")
ENUM_CATEGORIES = ("a", "b", "ü", "")


@cache
def _can_generate(dtype: DataType | DataTypeClass) -> bool:
    """Whether polars' own parametric strategies can draw values of `dtype` on this version."""
    try:
        find(
            dataframes([column("a", dtype=dtype)], min_size=1, max_size=1),
            lambda _: True,
            settings=settings(database=None, suppress_health_check=list(HealthCheck)),
        )
    except Exception:
        return False
    return True


def _present(*names: str) -> list[DataTypeClass]:
    found = [getattr(pl, n) for n in names if hasattr(pl, n)]
    return [dt for dt in found if _can_generate(dt)]


SIGNED = _present("Int8", "Int16", "Int32", "Int64", "Int128")
UNSIGNED = _present("UInt8", "UInt16", "UInt32", "UInt64", "UInt128")
INTEGER_TYPES = [*SIGNED, *UNSIGNED]
FLOAT_TYPES = _present("Float32", "Float64")

integers = st.sampled_from(INTEGER_TYPES)
floats = st.sampled_from(FLOAT_TYPES)
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
scalars = st.one_of(numeric, decimals, strings, binary, booleans, temporal, categoricals)


def _nest(inner: st.SearchStrategy[DataType]) -> st.SearchStrategy[DataType]:
    return st.one_of(
        inner.map(pl.List),
        st.builds(pl.Array, inner, st.integers(1, 3)),
        st.lists(inner, min_size=1, max_size=3).map(
            lambda fields: pl.Struct({f"f{i}": dt for i, dt in enumerate(fields)})
        ),
    )


_any_depth = st.recursive(scalars, _nest, max_leaves=3)
nested = _nest(_any_depth)
lists = _any_depth.map(pl.List)
any_dtype = st.one_of(scalars, nested)
# Keys for group_by / join / over: dtypes whose values come from a small pool so that groups and
# matches actually occur.
keys = st.one_of(integers, strings, booleans, dates, categoricals)
