"""Where DuckDB and Polars differ by design: the one table the DuckDB reference obeys.

DuckDB answers a query's SQL twin on the same input so that a bug every Polars engine shares
shows. Two systems legitimately differ in places (null ordering, overflow, NaN in aggregates,
dtypes one cannot read); each such place is one row here, with its reason, and the reference
applies every row to every query alike: nothing is silenced per query. A row either pins a DuckDB
setting to Polars' behaviour, casts an input dtype on the way in, or makes the cell `unsupported`
(an input dtype, a DuckDB error, or an aggregate over values the two treat differently).

Result dtypes are never a difference: Polars is the authority on types, so DuckDB's result is cast
to the schema Polars produced before values are compared (a value that does not fit is the
overflow row's).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import polars as pl

from conformance.judge.compare import dtype_contains


@dataclass(frozen=True)
class Setting:
    """A DuckDB setting, set on every connection, that makes DuckDB behave like Polars."""

    topic: str
    name: str
    value: str
    reason: str


@dataclass(frozen=True)
class CastInput:
    """Input columns holding `dtype` (at any depth) reach DuckDB cast to `to`."""

    topic: str
    test: Callable[[pl.DataType], bool]
    to: pl.DataType
    reason: str


@dataclass(frozen=True)
class RefuseInput:
    """Input columns holding such a dtype (at any depth) make the cell `unsupported`."""

    topic: str
    test: Callable[[pl.DataType], bool]
    reason: str


@dataclass(frozen=True)
class RefuseError:
    """A DuckDB error, or a DuckDB value that does not fit Polars' dtype, that is this difference."""

    topic: str
    pattern: str  # searched in the error message
    reason: str


@dataclass(frozen=True)
class RefusePolarsError:
    """An error Polars raises by design (stricter typing) where DuckDB answers: `unsupported`."""

    topic: str
    pattern: str  # searched in the baseline's error message
    reason: str


@dataclass(frozen=True)
class RefuseAggregate:
    """An SQL construct (a regex over the SQL text) over input values the two systems treat
    differently (`values` tests one input Series) makes the cell `unsupported`."""

    topic: str
    sql: str
    values: Callable[[pl.Series], bool]
    reason: str


Difference = Setting | CastInput | RefuseInput | RefuseError | RefusePolarsError | RefuseAggregate


def _named(*names: str) -> Callable[[pl.DataType], bool]:
    found = [getattr(pl, n) for n in names if hasattr(pl, n)]
    return lambda dtype: any(dtype == d for d in found)


def _holds_nan(series: pl.Series) -> bool:
    return series.dtype.is_float() and bool(series.is_nan().any())


def _holds_non_finite(series: pl.Series) -> bool:
    return series.dtype.is_float() and bool((series.is_infinite() | series.is_nan()).any())


DIFFERENCES: tuple[Difference, ...] = (
    Setting(
        "null ordering",
        "default_null_order",
        "nulls_last_on_asc_first_on_desc",
        "Polars SQL puts nulls last in ascending and first in descending order (PostgreSQL's "
        "default); DuckDB puts them last both ways",
    ),
    Setting(
        "string collation",
        "default_collation",
        "",
        "Polars compares strings by their UTF-8 bytes: DuckDB's binary collation, pinned",
    ),
    Setting(
        "integer division",
        "integer_division",
        "false",
        "`/` is true division in Polars SQL, as in DuckDB by default: pinned",
    ),
    Setting(
        "row order",
        "preserve_insertion_order",
        "true",
        "Polars keeps the input's row order through projections and filters; DuckDB does by "
        "default: pinned, so entries compared in order stay comparable",
    ),
    Setting(
        "time zone",
        "TimeZone",
        "UTC",
        "time-zone-aware values come back as instants in the session's zone; UTC keeps them "
        "comparable, and the cast to Polars' dtype restores the column's zone",
    ),
    CastInput(
        "categoricals",
        _named("Categorical"),
        pl.String,
        "DuckDB reads a categorical's dictionary as VARCHAR; Polars orders categoricals "
        "lexically like strings, and the result is cast back to Polars' dtype",
    ),
    CastInput(
        "Float32 arithmetic",
        _named("Float32"),
        pl.Float64,
        "DuckDB computes a FLOAT with a wide integer in FLOAT where Polars widens to Float64; "
        "computed in DOUBLE, one operation rounds to Polars' Float32 result, and is Polars' "
        "Float64 one where Polars widens",
    ),
    RefuseInput(
        "enums",
        lambda dtype: isinstance(dtype, pl.Enum),
        "Polars orders Enum values by their category's position; DuckDB would read VARCHAR and "
        "order them by bytes",
    ),
    RefuseInput(
        "128-bit integers",
        _named("Int128", "UInt128"),
        "DuckDB reads no Polars 128-bit integer from Arrow (unsupported Arrow type _pli128)",
    ),
    RefuseInput(
        "Float16",
        _named("Float16"),
        "DuckDB reads no half-precision float from Arrow",
    ),
    RefuseInput(
        "durations",
        _named("Duration"),
        "DuckDB turns a duration into an INTERVAL (months, days, nanoseconds), which Polars "
        "cannot import back",
    ),
    RefuseInput(
        "Null dtype",
        _named("Null"),
        "DuckDB rejects an Arrow null array (a null count without a validity bitmap)",
    ),
    RefuseInput(
        "objects",
        _named("Object"),
        "Python objects have no Arrow form",
    ),
    RefuseError(
        "integer overflow",
        # DuckDB's error, or the cast of its exact value to Polars' integer dtype failing
        r"Overflow in|out of range|conversion from `(decimal|[iu]\d+)[^`]*` to `[iu]\d+` failed",
        "Polars integer arithmetic wraps around at the dtype's bounds; DuckDB raises, or widens "
        "(SUM to HUGEINT) to a value Polars' dtype cannot hold",
    ),
    RefuseError(
        "division by zero",
        r"Division by zero",
        "Polars divides by zero to inf/NaN (floats) or null (integers); DuckDB raises for `%`",
    ),
    RefuseAggregate(
        "variance over NaN and infinities",
        r"\b(STDDEV|VAR)_(POP|SAMP)\s*\(",
        _holds_non_finite,
        "Polars' variance of values with a NaN or an infinity is NaN (inf - inf); DuckDB's "
        "streaming variance returns 0 for a group of one NaN or of equal infinities",
    ),
    RefusePolarsError(
        "join_where across dtypes",
        r"'join_where' cannot compare",
        "Polars' join_where compares columns of one dtype only (no implicit supertype); DuckDB "
        "casts the two sides to a common type",
    ),
    RefusePolarsError(
        "unsigned negation",
        r"`neg` operation not supported for dtype `u\d+`",
        "Polars refuses to negate an unsigned integer; DuckDB negates it into a signed type",
    ),
    RefuseAggregate(
        "MAX over NaN",
        r"\bMAX\s*\(",
        _holds_nan,
        "Polars' max skips NaN unless every value is NaN (nan_max propagates it); DuckDB orders "
        "NaN above +inf, so its MAX is NaN",
    ),
)


def settings() -> list[tuple[str, str]]:
    return [(d.name, d.value) for d in DIFFERENCES if isinstance(d, Setting)]


def refused_dtype(dtype: pl.DataType) -> RefuseInput | None:
    """The row that refuses an input column of `dtype`, if any."""
    for row in DIFFERENCES:
        if isinstance(row, RefuseInput) and dtype_contains(dtype, row.test):
            return row
    return None


def input_casts() -> list[tuple[Callable[[pl.DataType], bool], pl.DataType]]:
    return [(d.test, d.to) for d in DIFFERENCES if isinstance(d, CastInput)]


def refused_error(message: str) -> RefuseError | None:
    for row in DIFFERENCES:
        if isinstance(row, RefuseError) and re.search(row.pattern, message):
            return row
    return None


def refused_polars_error(message: str) -> RefusePolarsError | None:
    for row in DIFFERENCES:
        if isinstance(row, RefusePolarsError) and re.search(row.pattern, message):
            return row
    return None


def refused_aggregate(sql: str, frames: Sequence[pl.DataFrame]) -> RefuseAggregate | None:
    for row in DIFFERENCES:
        if (
            isinstance(row, RefuseAggregate)
            and re.search(row.sql, sql, re.IGNORECASE)
            and any(row.values(s) for f in frames for s in f.get_columns())
        ):
            return row
    return None
