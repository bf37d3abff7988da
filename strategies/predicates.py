"""Boolean predicates drawn from a frame, for the metamorphic oracles (TLP, NoREC, PQS, ...).

A predicate is built from the frame's own schema and values: comparisons of a column with a literal
taken from that column (so it keeps some rows and drops others) or with another column of a
compatible dtype, null and NaN tests, `is_in`, `is_between`, string matches, boolean columns, and
`&`, `|`, `~` over them. Every predicate carries its Python source, so a failing example reads as
code; the source evaluates to the same expression with `pl`, `c`, `datetime` and `decimal` in scope.

Literals are exact: where a Python value would lose precision (nanoseconds, `Time`) or a time zone's
fold (ambiguous wall-clock times), the literal is the physical integer cast to the column's dtype.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import hypothesis.strategies as st
import polars as pl

c = pl.col
MAX_DEPTH = 3
_COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")
_MISSING_COMPARISONS = ("eq_missing", "ne_missing")
_CLOSED = ("both", "left", "right", "none")
# SQL literals beyond this would be parsed as another integer type (or fail): such values are
# not used as SQL literals.
_SQL_INT_BOUND = 2**62


@dataclass(frozen=True)
class Predicate:
    """A boolean expression and the Python source that builds it."""

    expr: pl.Expr
    source: str

    def __str__(self) -> str:
        return self.source

    def __and__(self, other: Predicate) -> Predicate:
        return Predicate(self.expr & other.expr, f"({self.source}) & ({other.source})")

    def __or__(self, other: Predicate) -> Predicate:
        return Predicate(self.expr | other.expr, f"({self.source}) | ({other.source})")

    def __invert__(self) -> Predicate:
        return Predicate(~self.expr, f"~({self.source})")


@dataclass(frozen=True)
class SqlPredicate:
    """A SQL boolean expression and the expression predicate it means."""

    sql: str
    predicate: Predicate


# --- what each dtype supports -------------------------------------------------------------------


@cache
def _categorical_is_ordered() -> bool:
    """Whether this Polars orders a Categorical against a String literal (older releases refuse)."""
    probe = pl.LazyFrame({"x": ["a", "b"]}, schema={"x": pl.Categorical})
    try:
        probe.select(c("x").is_between(pl.lit("a"), pl.lit("b")), c("x") < c("x")).collect()
    except Exception:
        return False
    return True


@cache
def _is_in_takes_a_list() -> bool:
    """Whether `is_in` reads an imploded Series as the set of values (releases since 1.28)."""
    try:
        pl.DataFrame({"x": [1, 2]}).select(c("x").is_in(pl.Series([1]).implode()))
    except Exception:
        return False
    return True


def _is_categorical(dtype: pl.DataType) -> bool:
    # `==` rather than isinstance: the dtype may be the class `pl.Categorical` itself.
    return dtype == pl.Categorical


def _is_ordered(dtype: pl.DataType) -> bool:
    """Dtypes with `<`, `is_between`; every other non-nested dtype has only equality."""
    if dtype.is_nested():
        return False
    return _categorical_is_ordered() if _is_categorical(dtype) else True


def _physical_literal(dtype: pl.DataType) -> bool:
    """Dtypes whose Python values are not exact: nanoseconds, Time, zoned datetimes."""
    if dtype == pl.Time:
        return True
    if isinstance(dtype, pl.Datetime):
        return dtype.time_unit == "ns" or dtype.time_zone is not None
    return isinstance(dtype, pl.Duration) and dtype.time_unit == "ns"


def _compatible(left: pl.DataType, right: pl.DataType) -> bool:
    """Column pairs compared with each other: one dtype, or two numbers (not decimals)."""
    if left.is_nested() or right.is_nested():
        return False
    if _is_categorical(left) or _is_categorical(right):
        return _is_categorical(left) and _is_categorical(right) and _categorical_is_ordered()
    numbers = (left.is_integer() or left.is_float()) and (right.is_integer() or right.is_float())
    return left == right or numbers


# --- literals -----------------------------------------------------------------------------------


def python_source(value: object) -> str:
    """A Python literal for `value` that evaluates with `datetime` and `decimal` imported."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({str(value)!r})"
    if isinstance(value, decimal.Decimal):
        return f"decimal.Decimal({str(value)!r})"
    return repr(value)


def dtype_source(dtype: pl.DataType) -> str:
    return f"pl.{dtype!r}"


@dataclass(frozen=True)
class _Operand:
    expr: pl.Expr
    source: str


def _column(name: str) -> _Operand:
    return _Operand(c(name), f"c({name!r})")


def _literal(series: pl.Series, index: int) -> _Operand:
    """The value of `series` at `index` as a literal of the column's dtype."""
    dtype, value = series.dtype, series[index]
    if _is_categorical(dtype):  # a String literal: every release compares Categorical with it
        return _Operand(pl.lit(value, dtype=pl.String), f"pl.lit({value!r}, dtype=pl.String)")
    if value is not None and _physical_literal(dtype):
        physical = series.to_physical()[index]
        return _Operand(
            pl.lit(physical, dtype=pl.Int64).cast(dtype),
            f"pl.lit({physical!r}, dtype=pl.Int64).cast({dtype_source(dtype)})",
        )
    return _Operand(
        pl.lit(value, dtype=dtype), f"pl.lit({python_source(value)}, dtype={dtype_source(dtype)})"
    )


def _value_list(series: pl.Series, indices: Sequence[int]) -> _Operand:
    """The values at `indices` as one list literal, the form `is_in` takes."""
    dtype = series.dtype
    if _is_categorical(dtype):
        values: pl.Series = series.gather(indices).cast(pl.String)
        source = f"pl.Series({values.to_list()!r}, dtype=pl.String)"
    elif _physical_literal(dtype):
        values = series.gather(indices)
        physical = values.to_physical().to_list()
        source = f"pl.Series({physical!r}, dtype=pl.Int64).cast({dtype_source(dtype)})"
    else:
        values = series.gather(indices)
        items = ", ".join(python_source(v) for v in values.to_list())
        source = f"pl.Series([{items}], dtype={dtype_source(dtype)})"
    if _is_in_takes_a_list():
        return _Operand(pl.lit(values.implode()), f"pl.lit({source}.implode())")
    return _Operand(pl.lit(values), f"pl.lit({source})")


# --- leaves -------------------------------------------------------------------------------------


def _compare(left: _Operand, op: str, right: _Operand) -> Predicate:
    if op in _MISSING_COMPARISONS:
        return Predicate(getattr(left.expr, op)(right.expr), f"{left.source}.{op}({right.source})")
    exprs = {
        "==": left.expr.__eq__,
        "!=": left.expr.__ne__,
        "<": left.expr.__lt__,
        "<=": left.expr.__le__,
        ">": left.expr.__gt__,
        ">=": left.expr.__ge__,
    }
    return Predicate(exprs[op](right.expr), f"{left.source} {op} {right.source}")


def _comparisons(dtype: pl.DataType) -> tuple[str, ...]:
    ordered = _COMPARISONS if _is_ordered(dtype) else _COMPARISONS[:2]
    return ordered + _MISSING_COMPARISONS


@st.composite
def _leaf(draw: st.DrawFn, df: pl.DataFrame, name: str) -> Predicate:
    """One test of column `name`: the kinds of test its dtype supports, with its values."""
    series, dtype, col = df[name], df.schema[name], _column(name)
    null_tests = [
        Predicate(col.expr.is_null(), f"{col.source}.is_null()"),
        Predicate(col.expr.is_not_null(), f"{col.source}.is_not_null()"),
    ]
    if dtype.is_nested():  # nested columns only take null tests
        return draw(st.sampled_from(null_tests))
    kinds = ["null"]
    rows = st.integers(0, df.height - 1)
    if df.height:
        kinds += ["literal", "is_in"]
        if _is_ordered(dtype):
            kinds.append("between")
    others = [o for o in df.columns if o != name and _compatible(dtype, df.schema[o])]
    if others:
        kinds.append("column")
    if dtype == pl.Boolean:
        kinds.append("boolean")
    if dtype.is_float():
        kinds.append("nan")
    if dtype == pl.String:
        kinds.append("string")
    kind = draw(st.sampled_from(kinds), label=f"test of {name}")
    if kind == "null":
        return draw(st.sampled_from(null_tests))
    if kind == "literal":
        op = draw(st.sampled_from(_comparisons(dtype)))
        return _compare(col, op, _literal(series, draw(rows)))
    if kind == "column":
        other = _column(draw(st.sampled_from(others)))
        return _compare(col, draw(st.sampled_from(_comparisons(dtype))), other)
    if kind == "is_in":
        values = _value_list(series, draw(st.lists(rows, min_size=1, max_size=3)))
        return Predicate(col.expr.is_in(values.expr), f"{col.source}.is_in({values.source})")
    if kind == "between":
        low, high = _literal(series, draw(rows)), _literal(series, draw(rows))
        closed = draw(st.sampled_from(_CLOSED))
        return Predicate(
            col.expr.is_between(low.expr, high.expr, closed=closed),  # type: ignore[arg-type]
            f"{col.source}.is_between({low.source}, {high.source}, closed={closed!r})",
        )
    if kind == "boolean":
        return Predicate(col.expr, col.source)
    if kind == "nan":
        return draw(
            st.sampled_from(
                [
                    Predicate(col.expr.is_nan(), f"{col.source}.is_nan()"),
                    Predicate(col.expr.is_not_nan(), f"{col.source}.is_not_nan()"),
                ]
            )
        )
    return draw(_string_match(series, col))


@st.composite
def _string_match(draw: st.DrawFn, series: pl.Series, col: _Operand) -> Predicate:
    """contains / starts_with / ends_with a piece of one of the column's strings."""
    texts = [t for t in series.to_list() if t is not None] or [""]
    text = draw(st.sampled_from(texts))
    start = draw(st.integers(0, len(text)))
    piece = text[start : draw(st.integers(start, len(text)))]
    method = draw(st.sampled_from(["contains", "starts_with", "ends_with"]))
    if method == "contains":
        return Predicate(
            col.expr.str.contains(piece, literal=True),
            f"{col.source}.str.contains({piece!r}, literal=True)",
        )
    return Predicate(
        getattr(col.expr.str, method)(pl.lit(piece)),
        f"{col.source}.str.{method}(pl.lit({piece!r}))",
    )


@st.composite
def predicates(
    draw: st.DrawFn,
    df: pl.DataFrame,
    columns: Sequence[str] | None = None,
    max_depth: int = MAX_DEPTH,
) -> Predicate:
    """A predicate over `columns` of `df` (all of them by default), `&`/`|`/`~` at most
    `max_depth` deep. Every leaf reads a column, so the predicate has one value per row."""
    names = list(columns if columns is not None else df.columns)
    if draw(st.integers(0, 2), label="combine") == 0 or max_depth == 0:
        return draw(_leaf(df, draw(st.sampled_from(names), label="column")))
    op = draw(st.sampled_from(["&", "|", "~"]), label="operator")
    left = draw(predicates(df, names, max_depth - 1))
    if op == "~":
        return ~left
    right = draw(predicates(df, names, max_depth - 1))
    return left & right if op == "&" else left | right


def row_predicate(df: pl.DataFrame, index: int) -> Predicate:
    """True for row `index` of `df`: every column equals its value there (PQS's pivot row).

    A null is matched by `is_null`, a NaN by `is_nan`; a nested value only by `is_not_null`.
    """
    tests: list[Predicate] = []
    for name, dtype in df.schema.items():
        col, value = _column(name), df[name][index]
        if value is None:
            tests.append(Predicate(col.expr.is_null(), f"{col.source}.is_null()"))
        elif dtype.is_nested():
            tests.append(Predicate(col.expr.is_not_null(), f"{col.source}.is_not_null()"))
        elif isinstance(value, float) and math.isnan(value):
            tests.append(Predicate(col.expr.is_nan(), f"{col.source}.is_nan()"))
        else:
            tests.append(_compare(col, "==", _literal(df[name], index)))
    predicate = tests[0]
    for test in tests[1:]:
        predicate &= test
    return predicate


# --- SQL ----------------------------------------------------------------------------------------


def _sql_literal(value: Any, dtype: pl.DataType) -> tuple[str, object] | None:
    """A value as SQL text and as the Python literal of the expression side; None if it has none."""
    if value is None:
        return None
    if dtype == pl.Boolean:
        return ("TRUE" if value else "FALSE"), value
    if dtype.is_integer():
        return (str(value), value) if abs(value) < _SQL_INT_BOUND else None
    if dtype.is_float():
        return (repr(value), value) if math.isfinite(value) else None
    if dtype == pl.Date:
        return f"DATE '{value.isoformat()}'", value
    if (dtype == pl.String or _is_categorical(dtype) or isinstance(dtype, pl.Enum)) and (
        value.isprintable()
    ):
        return "'" + value.replace("'", "''") + "'", value
    return None


def sql_dtype_supported(dtype: pl.DataType) -> bool:
    """Dtypes `sql_predicates` writes literals for."""
    return (
        dtype in (pl.Boolean, pl.Date, pl.String)
        or dtype.is_integer()
        or dtype.is_float()
        or _is_categorical(dtype)
        or isinstance(dtype, pl.Enum)
    )


def _py_lit(value: object) -> _Operand:
    return _Operand(pl.lit(value), f"pl.lit({python_source(value)})")


_SQL_OPERATORS = {"=": "==", "<>": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


@st.composite
def _sql_leaf(draw: st.DrawFn, df: pl.DataFrame, name: str) -> SqlPredicate:
    dtype, col = df.schema[name], _column(name)
    literals = [
        lit
        for value in df[name].unique(maintain_order=True).to_list()
        if (lit := _sql_literal(value, dtype))
    ]
    # Orderings of categoricals and enums against string literals, and IN lists of dates, are
    # refused by some releases; those columns get the tests every release translates.
    ordered = dtype == pl.String or dtype == pl.Date or dtype.is_integer() or dtype.is_float()
    kinds = ["null"]
    if literals:
        kinds.append("compare")
        if dtype != pl.Date:
            kinds.append("in")
        if ordered:
            kinds.append("between")
        if dtype == pl.String:
            kinds.append("like")
    kind = draw(st.sampled_from(kinds), label=f"SQL test of {name}")
    if kind == "null":
        negated = draw(st.booleans())
        return SqlPredicate(
            f"{name} IS {'NOT ' if negated else ''}NULL",
            Predicate(
                col.expr.is_not_null() if negated else col.expr.is_null(),
                f"{col.source}.{'is_not_null' if negated else 'is_null'}()",
            ),
        )
    if kind == "compare":
        ops = list(_SQL_OPERATORS) if ordered else ["=", "<>"]
        op = draw(st.sampled_from(ops))
        sql, value = draw(st.sampled_from(literals))
        return SqlPredicate(f"{name} {op} {sql}", _compare(col, _SQL_OPERATORS[op], _py_lit(value)))
    if kind == "in":
        chosen = draw(st.lists(st.sampled_from(literals), min_size=1, max_size=3, unique=True))
        values = [value for _, value in chosen]
        return SqlPredicate(
            f"{name} IN ({', '.join(sql for sql, _ in chosen)})",
            Predicate(
                col.expr.is_in(values),
                f"{col.source}.is_in([{', '.join(python_source(v) for v in values)}])",
            ),
        )
    if kind == "between":
        (low_sql, low), (high_sql, high) = (
            draw(st.sampled_from(literals)),
            draw(st.sampled_from(literals)),
        )
        low_lit, high_lit = _py_lit(low), _py_lit(high)
        return SqlPredicate(
            f"{name} BETWEEN {low_sql} AND {high_sql}",
            Predicate(
                col.expr.is_between(low_lit.expr, high_lit.expr),
                f"{col.source}.is_between({low_lit.source}, {high_lit.source})",
            ),
        )
    # LIKE's own wildcards and escape are left out of the prefixes
    texts = [v for _, v in literals if not any(ch in v for ch in "%_\\")] or [""]
    text = draw(st.sampled_from(texts))
    prefix = text[: draw(st.integers(0, len(text)))]
    return SqlPredicate(
        f"{name} LIKE '{prefix.replace(chr(39), chr(39) * 2)}%'",
        Predicate(
            col.expr.str.starts_with(pl.lit(prefix)),
            f"{col.source}.str.starts_with(pl.lit({prefix!r}))",
        ),
    )


@st.composite
def sql_predicates(
    draw: st.DrawFn, df: pl.DataFrame, columns: Sequence[str], max_depth: int = 2
) -> SqlPredicate:
    """A SQL WHERE condition over `columns` (dtypes `sql_dtype_supported` accepts) and the
    expression predicate that means the same: comparisons, IS NULL, IN, BETWEEN, LIKE 'prefix%',
    AND/OR/NOT."""
    if draw(st.integers(0, 2), label="combine") == 0 or max_depth == 0:
        return draw(_sql_leaf(df, draw(st.sampled_from(list(columns)), label="column")))
    op = draw(st.sampled_from(["AND", "OR", "NOT"]), label="operator")
    left = draw(sql_predicates(df, columns, max_depth - 1))
    if op == "NOT":
        return SqlPredicate(f"NOT ({left.sql})", ~left.predicate)
    right = draw(sql_predicates(df, columns, max_depth - 1))
    both = left.predicate & right.predicate if op == "AND" else left.predicate | right.predicate
    return SqlPredicate(f"({left.sql}) {op} ({right.sql})", both)


# The names a predicate's source needs besides itself, for tools that evaluate it.
SOURCE_NAMESPACE: dict[str, object] = {"pl": pl, "c": c, "datetime": dt, "decimal": decimal}
