"""Asks Polars what an expression returns: the type authority for the composer.

A panic is no rejection: it is a bug, and the probe answers `Panicked`, so the composer keeps
the expression (and grows it no further) and the check meets the panic on every lane.

An expression is probed with its inputs as placeholder columns (`_0`, `_1`, ...) of their dtypes:
planning (`collect_schema`) must succeed, and running it on a null row and on a typical value
(`1`, `"a"`, a date, a one-element list...) must raise no type error. Running matters, because
some builders pass planning on a dtype their kernel rejects (`str` methods on an integer column
plan fine), and a null row alone lets some kernels return early. A value error on the typical
value (a strict parse of `"a"`) does not reject the builder: other values may fit. Results are
cached per expression code and input dtypes, so each combination costs a few small queries per
process.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Sequence

import polars as pl
from polars.exceptions import InvalidOperationError, PanicException, SchemaError

from strategies.queries.families import CODE_GLOBALS, Family

_cache: dict[tuple[str, tuple[str, ...]], pl.DataType | None] = {}


class Panicked(pl.DataType):
    """The dtype of an expression Polars panicked on: a bug, kept so the check reports it.

    `planned` is what planning answered before the panic (None where planning itself panicked).
    A query must still plan with the expression in its place (a filter's predicate must plan as
    Boolean), or the query fails before it reaches the panic: the composer fits it by that dtype.
    """

    def __init__(self, planned: pl.DataType | None = None) -> None:
        self.planned = planned

    def fits(self, family: Family) -> bool:
        return self.planned is None or family(self.planned)


def placeholder(i: int) -> str:
    return f'c("_{i}")'


def output_dtype(code: str, dtypes: Sequence[pl.DataType]) -> pl.DataType | None:
    """The dtype `code` (over placeholders of `dtypes`) returns, or None where Polars rejects it."""
    key = (code, tuple(repr(d) for d in dtypes))
    if key not in _cache:
        _cache[key] = _probe(code, dtypes)
    return _cache[key]


def _probe(code: str, dtypes: Sequence[pl.DataType]) -> pl.DataType | None:
    if any(isinstance(d, Panicked) for d in dtypes):
        return None  # an input already panicked: nothing is built on it
    planned: pl.DataType | None = None
    try:
        # a dtype Polars plans may still refuse a value (a struct with a field name twice)
        nulls = pl.DataFrame([pl.Series(f"_{i}", [None], dtype=d) for i, d in enumerate(dtypes)])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expr = eval(code, dict(CODE_GLOBALS))  # code the composer wrote itself
            expr = (expr if isinstance(expr, pl.Expr) else pl.lit(expr)).alias("out")
            planned = nulls.lazy().select(expr).collect_schema()["out"]
            nulls.lazy().select(expr).collect(engine="in-memory")
            if (frame := _typical_frame(dtypes)) is not None:
                try:
                    frame.lazy().select(expr).collect(engine="in-memory")
                except PanicException:
                    raise
                except Exception as exc:  # a refusal of the dtype, or of this one value
                    if _refuses_dtype(exc):
                        return None
    except PanicException:
        return Panicked(planned)
    except Exception:  # Polars rejects this use: the builder does not apply here
        return None
    return planned


_DTYPE_REFUSAL = re.compile(r"dtype|data type|datatype|not supported|expected .* got", re.I)
_VALUE_REFUSAL = re.compile(r"conversion .*failed|parse|out of bounds|strict|overflow", re.I)


def _refuses_dtype(exc: Exception) -> bool:
    """Whether an error on the typical value refuses the dtype itself (a kernel that does not
    exist for it), not the value (a strict parse of `"a"`, an index out of bounds)."""
    message = str(exc).split("\n", 1)[0]
    if isinstance(exc, SchemaError):
        return True
    return (
        isinstance(exc, InvalidOperationError)
        and _DTYPE_REFUSAL.search(message) is not None
        and _VALUE_REFUSAL.search(message) is None
    )


def _typical(dtype: pl.DataType) -> object:
    """One ordinary value of `dtype`, as Python (None where none is made)."""
    base = dtype.base_type() if hasattr(dtype, "base_type") else dtype
    if dtype.is_integer() or dtype.is_decimal():
        return 1
    if dtype.is_float():
        return 1.5
    simple = {
        pl.Boolean: True,
        pl.String: "a",
        pl.Categorical: "a",
        pl.Binary: b"a",
        pl.Date: dt.date(2000, 1, 2),
        pl.Datetime: dt.datetime(2000, 1, 2, 3, 4, 5),
        pl.Duration: dt.timedelta(days=1, seconds=7),
        pl.Time: dt.time(3, 4, 5),
    }
    if base in simple:
        return simple[base]
    if base == pl.Enum:
        return dtype.categories[0] if len(dtype.categories) else None  # type: ignore[attr-defined]
    if base == pl.List:
        return [_typical(dtype.inner)]  # type: ignore[attr-defined]
    if base == pl.Array:
        return [_typical(dtype.inner)] * dtype.size  # type: ignore[attr-defined]
    if base == pl.Struct:
        return {f.name: _typical(f.dtype) for f in dtype.fields}  # type: ignore[attr-defined]
    return None


def _typical_frame(dtypes: Sequence[pl.DataType]) -> pl.DataFrame | None:
    """A row of typical values above a null row, or None where a dtype has no typical value."""
    try:
        return pl.DataFrame(
            [pl.Series(f"_{i}", [_typical(d), None], dtype=d) for i, d in enumerate(dtypes)]
        )
    except Exception:  # a dtype this Polars cannot build from Python values: probe nulls only
        return None


def literal_dtype(code: str) -> pl.DataType | None:
    """The dtype of a literal's code (`3` is a dynamic integer, typed Int32 alone)."""
    return output_dtype(code, ())
