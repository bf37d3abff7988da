"""Dtype families: what an expression builder's input slot or a plan step's argument accepts.

A family is a predicate on a concrete dtype. It narrows what the composer tries; whether a builder
really accepts a dtype (and what it returns) is asked of Polars itself (`strategies.queries.probe`).
Literals are drawn here too, as code, including values outside a column's range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import hypothesis.strategies as st
import polars as pl

Family = Callable[[pl.DataType], bool]


def _base(dtype: pl.DataType) -> pl.DataType:
    return dtype.base_type() if hasattr(dtype, "base_type") else dtype


def ANY(dtype: pl.DataType) -> bool:
    return True


def INT(dtype: pl.DataType) -> bool:
    return dtype.is_integer()


def FLOAT(dtype: pl.DataType) -> bool:
    return dtype.is_float()


def NUM(dtype: pl.DataType) -> bool:
    """Integers, floats and decimals."""
    return dtype.is_numeric()


def REAL(dtype: pl.DataType) -> bool:
    """Integers and floats: what float-valued math accepts."""
    return dtype.is_integer() or dtype.is_float()


def BOOL(dtype: pl.DataType) -> bool:
    return dtype == pl.Boolean


def BITS(dtype: pl.DataType) -> bool:
    """Integers and booleans: what the bitwise reductions fold."""
    return dtype.is_integer() or dtype == pl.Boolean


def STR(dtype: pl.DataType) -> bool:
    return dtype == pl.String


def BIN(dtype: pl.DataType) -> bool:
    return dtype == pl.Binary


def CAT(dtype: pl.DataType) -> bool:
    return _base(dtype) in (pl.Categorical, pl.Enum)


def DATE(dtype: pl.DataType) -> bool:
    return dtype == pl.Date


def DATETIME(dtype: pl.DataType) -> bool:
    return _base(dtype) == pl.Datetime


def DURATION(dtype: pl.DataType) -> bool:
    return _base(dtype) == pl.Duration


def TIME(dtype: pl.DataType) -> bool:
    return dtype == pl.Time


def TEMPORAL(dtype: pl.DataType) -> bool:
    return dtype.is_temporal()


def DATELIKE(dtype: pl.DataType) -> bool:
    """Dates and datetimes: what calendar arithmetic accepts."""
    return DATE(dtype) or DATETIME(dtype)


def LIST(dtype: pl.DataType) -> bool:
    return _base(dtype) == pl.List


def ARRAY(dtype: pl.DataType) -> bool:
    return _base(dtype) == pl.Array


def STRUCT(dtype: pl.DataType) -> bool:
    return _base(dtype) == pl.Struct


def NESTED(dtype: pl.DataType) -> bool:
    return dtype.is_nested()


def STABLE_CODES(dtype: pl.DataType) -> bool:
    """Dtypes whose physical values are the same in every process: all but Categorical, at any
    depth. A Categorical's codes number its strings in the order the process first met them, so
    an engine in a child process (a configuration lane) reads other codes; an Enum's codes are
    fixed by its categories."""
    if _base(dtype) == pl.Categorical:
        return False
    if isinstance(dtype, pl.Struct):
        return all(STABLE_CODES(f.dtype) for f in dtype.fields)
    inner = getattr(dtype, "inner", None)
    return inner is None or STABLE_CODES(inner)


def FLAT(dtype: pl.DataType) -> bool:
    return not dtype.is_nested()


def ORDERABLE(dtype: pl.DataType) -> bool:
    """Flat dtypes with an order: min/max, sorting keys, comparisons."""
    return FLAT(dtype) and dtype != pl.Null


def NUM_LIST(dtype: pl.DataType) -> bool:
    return LIST(dtype) and dtype.inner.is_numeric()  # type: ignore[attr-defined]


def NUM_ARRAY(dtype: pl.DataType) -> bool:
    return ARRAY(dtype) and dtype.inner.is_numeric()  # type: ignore[attr-defined]


def STR_LIST(dtype: pl.DataType) -> bool:
    return LIST(dtype) and dtype.inner == pl.String  # type: ignore[attr-defined]


def dtype_code(dtype: pl.DataType) -> str:
    """A dtype as code: `pl.List(pl.Int8)`, `pl.Datetime(time_unit='us', time_zone='UTC')`."""
    text = repr(dtype)
    return text if text.startswith("pl.") else f"pl.{text}"


# Integer literals around every width's limits, so a comparison or arithmetic with a literal may
# lie outside a column's range.
_INTS = (0, 1, -1, 2, 3, 7, 100, 127, 128, -129, 255, 256, 32767, 65536, 2**31, 2**63 - 1, -(2**63))
_FLOATS = ("0.5", "-1.25", "2.0", "1e300", "-0.0", "float('nan')", "float('inf')")
_STRINGS = ('""', '"a"', '"b"', '"ü"', '"ab"', '"A b"', '"1"', '"-2"', '"a.b"')
_DATES = ("datetime.date(2000, 2, 29)", "datetime.date(1969, 12, 31)", "datetime.date(2024, 1, 1)")
_DATETIMES = (
    "datetime.datetime(2000, 2, 29, 12, 30)",
    "datetime.datetime(1969, 12, 31, 23, 59, 59)",
    "datetime.datetime(2024, 3, 10, 2, 30)",
)
_DURATIONS = (
    "datetime.timedelta(days=1)",
    "datetime.timedelta(hours=-3)",
    "datetime.timedelta(microseconds=7)",
)
_TIMES = ("datetime.time(0, 0)", "datetime.time(12, 30, 15)", "datetime.time(23, 59, 59, 999999)")
# What a generated query's code may use: reproducers and the corpus import the same names.
CODE_GLOBALS = {"pl": pl, "datetime": dt, "c": pl.col}


def literals(dtype: pl.DataType) -> st.SearchStrategy[str]:
    """Code of a literal that meets `dtype` (a supertype may be needed: values may not fit)."""
    if dtype.is_integer():
        return st.sampled_from(_INTS).map(str)
    if dtype.is_float() or dtype.is_decimal():
        return st.one_of(st.sampled_from(_INTS[:8]).map(str), st.sampled_from(_FLOATS))
    if dtype == pl.Boolean:
        return st.sampled_from(("True", "False"))
    if dtype == pl.String or CAT(dtype):
        return st.sampled_from(_STRINGS)
    if dtype == pl.Binary:
        return st.sampled_from(('b""', 'b"a"', 'b"\\x00\\xff"'))
    if dtype == pl.Date:
        return st.sampled_from(_DATES)
    if DATETIME(dtype):
        zone = getattr(dtype, "time_zone", None)
        unit = getattr(dtype, "time_unit", "us")
        return st.sampled_from(_DATETIMES).map(
            lambda v: f"pl.lit({v}, dtype={dtype_code(pl.Datetime(unit, zone))})"
        )
    if DURATION(dtype):
        return st.sampled_from(_DURATIONS)
    if dtype == pl.Time:
        return st.sampled_from(_TIMES)
    return st.just(f"pl.lit(None, dtype={dtype_code(dtype)})")


def any_literal() -> st.SearchStrategy[tuple[str, pl.DataType]]:
    """A literal of a flat dtype, with the dtype it meets."""
    return st.sampled_from(
        (pl.Int64, pl.Float64, pl.Boolean, pl.String, pl.Date, pl.Duration("us"))
    ).flatmap(lambda dtype: literals(dtype).map(lambda code: (code, dtype)))
