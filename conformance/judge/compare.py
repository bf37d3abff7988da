"""Comparison rules: how an operation's result may legitimately differ between engines.

Rules live with the operation in the catalog; this module only applies them, always through
`polars.testing.assert_frame_equal`. Results compare exactly (the strategies draw floats whose sums
are exact in any order); an operation whose own arithmetic is inexact declares a `Tolerance`, with
its reason, in its rules.
"""

from __future__ import annotations

import inspect
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

import polars as pl
from polars.exceptions import PanicException
from polars.testing import assert_frame_equal


@dataclass(frozen=True)
class Tolerance:
    """How far an inexact result may stray, and why it may: a tolerance never comes unexplained.

    The strategies draw floats whose sums are exact in any order, so a result that still differs
    in its last bits does so because of the arithmetic the operation itself performs (a division,
    a transcendental function, a recurrence); `reason` names it.
    """

    rel: float
    abs: float
    reason: str

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise ValueError("a Tolerance needs the reason its operation's result is inexact")
        if self.rel < 0 or self.abs < 0 or not (self.rel or self.abs):
            raise ValueError(f"a Tolerance needs a positive rel or abs: {self}")


@dataclass(frozen=True)
class Rules:
    """What counts as "the same result" for one operation: exactly equal unless it declares
    a `tolerance`."""

    ordered: bool = True  # False where row order is undefined (group_by, unique, most joins)
    tolerance: Tolerance | None = None
    check_dtypes: bool = True
    check_column_order: bool = True

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rules:
        """The rules `dataclasses.asdict` wrote (a pending record carries them)."""
        tolerance = data.get("tolerance")
        return cls(**{**data, "tolerance": Tolerance(**tolerance) if tolerance else None})

    def assert_options(self) -> dict[str, object]:
        """`assert_frame_equal`'s keywords for these rules (row order aside), on this Polars."""
        options: dict[str, object] = {
            "check_dtypes": self.check_dtypes,
            "check_column_order": self.check_column_order,
            "check_exact": self.tolerance is None,
        }
        if self.tolerance is not None:
            rel, abs_ = _TOLERANCE_NAMES
            options.update({rel: self.tolerance.rel, abs_: self.tolerance.abs})
        return options


ORDERED = Rules()
UNORDERED = Rules(ordered=False)

# `rtol`/`atol` were renamed `rel_tol`/`abs_tol` in 1.32.3; use whichever this Polars has.
_TOLERANCE_NAMES = (
    ("rel_tol", "abs_tol")
    if "rel_tol" in inspect.signature(assert_frame_equal).parameters
    else ("rtol", "atol")
)


def _canonical(value: object) -> object:
    """A value's sort key under the comparison's own equality: -0.0 is 0.0, every NaN is alike.

    Values are never rounded: two rows that differ in any bit are different rows.
    """
    if isinstance(value, float):
        return "nan" if math.isnan(value) else value + 0.0
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    return value


def row_key(row: tuple[object, ...]) -> str:
    """A row's identity under the comparison's own equality (see `_canonical`)."""
    return repr(_canonical(row))


def _sort_rows(df: pl.DataFrame, physical: bool = False) -> pl.DataFrame:
    """Canonical row order for an order-free comparison, total over every dtype.

    `assert_frame_equal(check_row_order=False)` cannot sort every nested dtype on every version, so
    rows are ordered by a textual encoding of each row's canonical values instead. With `physical`,
    the encoding reads the physical values (temporal dtypes as integers), for values Python cannot
    hold (a Duration beyond `timedelta`'s range).
    """
    if df.height < 2 or df.width == 0:
        return df
    keyed = df.select(pl.all().to_physical()) if physical else df
    encoded = [row_key(row) for row in keyed.iter_rows()]
    order = sorted(range(df.height), key=encoded.__getitem__)
    return df[order]


def _sort_pair(expected: pl.DataFrame, got: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Both frames in canonical row order, encoded alike (physically if either needs it)."""
    try:
        return _sort_rows(expected), _sort_rows(got)
    except (Exception, PanicException):  # a value Python cannot represent
        return _sort_rows(expected, physical=True), _sort_rows(got, physical=True)


def difference(expected: pl.DataFrame, got: pl.DataFrame, rules: Rules) -> str | None:
    """None when `got` matches `expected` under `rules`, else assert_frame_equal's explanation.

    Two frames of one schema that `DataFrame.equals` finds equal row by row pass under any rules
    (it treats nulls, NaN and -0.0 as assert_frame_equal does, and asks nothing of dtypes: the
    schema is compared first), so most cells are judged without a row sort or an assertion. An
    order-free comparison first sorts both frames with Polars (`_native_sorted`): equal then, they
    hold the same rows; otherwise the canonical row order in Python (`_sort_pair`) decides, and
    explains, as a reproducer does.
    """
    if _identical(expected, got):
        return None
    if (
        rules.tolerance is not None
        and any(d.is_temporal() for d in expected.dtypes)
        and same_schema(expected, got)
        and difference(_temporal_numbers(expected), _temporal_numbers(got), rules) is None
    ):
        return None
    options = rules.assert_options()
    if not rules.ordered:
        if _natively_equal(expected, got, options):
            return None
        expected, got = _sort_pair_against(expected, got)
    return frame_difference(expected, got, **options)


def _temporal_numbers(df: pl.DataFrame) -> pl.DataFrame:
    """`df` with its temporal columns as numbers of their units: a declared tolerance applies to a
    temporal result as to a number (a Datetime mean is a float mean cast back to whole
    microseconds; past 2**53 of them the engines' float sums round apart)."""
    temporal = [name for name, dtype in df.schema.items() if dtype.is_temporal()]
    return df.with_columns(pl.col(temporal).to_physical().cast(pl.Float64))


def same_schema(a: pl.DataFrame, b: pl.DataFrame) -> bool:
    """`a.schema == b.schema`, without building either `Schema` (four times the cost: every cell
    is compared this way)."""
    return a.columns == b.columns and a.dtypes == b.dtypes


def _identical(expected: pl.DataFrame, got: pl.DataFrame) -> bool:
    try:
        return same_schema(expected, got) and expected.equals(got)
    except (Exception, PanicException):  # a dtype `equals` cannot compare (Object): the long way
        return False


def _sort_key(name: str, dtype: pl.DataType) -> pl.Expr | None:
    """The column as a sort key on which equal values (under assert_frame_equal) tie: a category
    by its string (two frames' encodings differ); None where Polars' order cannot be trusted to
    tie them (a float nested in a list or struct: -0.0 against 0.0) or cannot sort at all."""
    if dtype == pl.Categorical:
        return pl.col(name).cast(pl.String)
    if dtype.is_nested():
        nested_float = dtype_contains(dtype, lambda t: t.is_float())
        if nested_float or dtype_contains(dtype, lambda t: t in (pl.Categorical, pl.Object)):
            return None
    if dtype == pl.Object:
        return None
    return pl.col(name)


def _native_sorted(df: pl.DataFrame) -> pl.DataFrame | None:
    """`df` sorted by every column with Polars (nulls last), or None where it cannot be."""
    if df.height < 2 or df.width == 0:
        return df
    keys = [_sort_key(name, dtype) for name, dtype in df.schema.items()]
    if any(key is None for key in keys):
        return None
    try:
        return df.sort(keys, nulls_last=True)  # type: ignore[arg-type]
    except (Exception, PanicException):
        return None


def row_hashes(df: pl.DataFrame) -> pl.Series | None:
    """Each row's hash, of its sort keys (`_sort_key`: rows equal under the comparison hash alike,
    but for -0.0 against 0.0), or None where a column has no such key or Polars cannot hash."""
    keys = [_sort_key(name, dtype) for name, dtype in df.schema.items()]
    if df.width == 0 or any(key is None for key in keys):
        return None
    try:
        return df.select(keys).hash_rows(seed=0)  # type: ignore[arg-type]
    except (Exception, PanicException):
        return None


def _by_row_hash(df: pl.DataFrame) -> pl.DataFrame | None:
    """`df` in the order of its rows' hashes, or None where it cannot be: one sort of one integer
    column, where sorting by every column costs milliseconds."""
    hashes = row_hashes(df)
    return None if hashes is None else df[hashes.arg_sort()]


def _same_rows(expected: pl.DataFrame, got: pl.DataFrame, options: dict[str, object]) -> bool:
    if expected.equals(got):
        return True
    return not options["check_exact"] and _assert_frame_equal(expected, got, options) is None


def _natively_equal(expected: pl.DataFrame, got: pl.DataFrame, options: dict[str, object]) -> bool:
    """Whether the two frames, each put in one order by Polars, are equal: then they hold the
    same rows. The order of the rows' hashes first (equal rows hash alike, but for -0.0 against
    0.0 or values equal within a tolerance), then the order of their values.

    (An order that misplaced rows could only make equal frames look different, and that is for
    the canonical sort in Python to decide.)"""
    if not same_schema(expected, got) or expected.height != got.height:
        return False
    if expected.height < 2:
        return False  # equals said no already
    try:
        hashed = of_expected(expected, "hash", lambda: _by_row_hash(expected))
        if (
            isinstance(hashed, pl.DataFrame)
            and (got_hashed := _by_row_hash(got)) is not None
            and _same_rows(hashed, got_hashed, options)
        ):
            return True
        ordered = _natively_sorted_expected(expected)
        if ordered is None or (sorted_got := _native_sorted(got)) is None:
            return False
        return _same_rows(ordered, sorted_got, options)
    except (Exception, PanicException):
        return False


# The expected frame last compared with, and what was derived from it by name (its orders:
# Python's canonical order, plain or physical, Polars' own; its rows' hash counts): every lane and
# variant of an input is compared with the same baseline frame. What deriving raised is kept too.
_EXPECTED: list[tuple[pl.DataFrame, dict[str, object]]] = []


def of_expected(expected: pl.DataFrame, what: str, derive: Callable[[], object]) -> object:
    """`derive()`, computed once per expected frame (and raised again, where it raised)."""
    if not _EXPECTED or _EXPECTED[0][0] is not expected:
        _EXPECTED[:] = [(expected, {})]
    derived = _EXPECTED[0][1]
    if what not in derived:
        try:
            derived[what] = derive()
        except (Exception, PanicException) as exc:
            derived[what] = exc
    if isinstance(found := derived[what], BaseException):
        raise found
    return found


def _natively_sorted_expected(expected: pl.DataFrame) -> pl.DataFrame | None:
    order = of_expected(expected, "native", lambda: _native_sorted(expected))
    return order if isinstance(order, pl.DataFrame) else None


def _sort_pair_against(
    expected: pl.DataFrame, got: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`_sort_pair`, sorting each expected frame once however many frames it is compared with."""
    try:
        plain = of_expected(expected, "plain", lambda: _sort_rows(expected))
        return plain, _sort_rows(got)  # type: ignore[return-value]
    except (Exception, PanicException):  # a value Python cannot represent
        physical = of_expected(expected, "physical", lambda: _sort_rows(expected, True))
        return physical, _sort_rows(got, physical=True)  # type: ignore[return-value]


def frame_difference(expected: pl.DataFrame, got: pl.DataFrame, **options: object) -> str | None:
    """`assert_frame_equal(expected, got, **options)`'s explanation, or None when they are equal.

    Values hidden under a null row do not count. Before Polars 2.0 the assertion also compares the
    struct values a null Array row still holds, which a sink, a round trip or another engine may
    legitimately drop (known_issues/array_struct_null_row_equality.py); gathering every row
    rebuilds both frames without them, so a difference that vanishes then is not in the data.
    """
    diff = _assert_frame_equal(expected, got, options)
    if diff is None or expected.height != got.height:
        return diff
    if any(dtype_contains(d, lambda t: isinstance(t, pl.Array)) for d in expected.dtypes):
        rows = list(range(expected.height))
        if _assert_frame_equal(expected[rows], got[rows], options) is None:
            return None
    return _focused(expected, got, diff, options)


# A Series prints its first and last rows only beyond this many (Polars' `tbl_rows`), so the
# assertion's explanation of a value mismatch in a taller frame may not show one differing value.
_SHOWN_ROWS = 10
# Differing strings and lists print whole up to these lengths (Polars cuts them at 30 characters
# and 3 items).
_SHOWN = {"fmt_str_lengths": 200, "fmt_table_cell_list_len": 20}
_VALUE_MISMATCH = re.compile(r'^DataFrames are different \(value mismatch for column "(.*)"\)$')


def _focused(
    expected: pl.DataFrame, got: pl.DataFrame, diff: str, options: dict[str, object]
) -> str:
    """A value mismatch in frames too tall to print whole, explained on the rows that differ.

    The assertion is repeated on the first rows whose values differ in the column it names, so its
    explanation (same headline, same layout) shows the differing values themselves; the rows'
    positions and their other columns follow. Anything else is returned as it was.
    """
    found = _VALUE_MISMATCH.match(diff.splitlines()[0])
    if found is None or expected.height <= _SHOWN_ROWS or found.group(1) not in got.columns:
        return diff
    rows = _differing_rows(expected[found.group(1)], got[found.group(1)], _SHOWN_ROWS)
    if not rows:
        return diff
    narrowed = _assert_frame_equal(expected[rows], got[rows], options)
    if narrowed is None or narrowed.splitlines()[0] != diff.splitlines()[0]:
        return diff
    with pl.Config(**_SHOWN):  # type: ignore[arg-type]
        return (
            f"{narrowed}\n--- rows {', '.join(map(str, rows))} of {expected.height} as compared, "
            f"the first whose {found.group(1)!r} differs: expected ---\n{expected[rows]}\n"
            f"--- got ---\n{got[rows]}"
        )


def _differing_rows(expected: pl.Series, got: pl.Series, limit: int) -> list[int]:
    """The first `limit` positions whose values differ ([] where Python cannot read them)."""
    try:  # the candidates, found by Polars (a million rows in milliseconds), then read one by one
        candidates = expected.ne_missing(got).arg_true().to_list()
    except (Exception, PanicException):  # a dtype without `!=`: every row is a candidate
        candidates = list(range(expected.len()))
    for physical in (False, True):
        try:
            left, right = (
                (s.to_physical() if physical else s).gather(candidates).to_list()
                for s in (expected, got)
            )
            pairs = zip(candidates, left, right, strict=True)
            return list(islice((i for i, a, b in pairs if _canonical(a) != _canonical(b)), limit))
        except (Exception, PanicException):  # a value Python cannot represent
            continue
    return []


def _assert_frame_equal(
    expected: pl.DataFrame, got: pl.DataFrame, options: dict[str, object]
) -> str | None:
    try:
        with pl.Config(**_SHOWN):  # type: ignore[arg-type]
            assert_frame_equal(expected, got, **options)  # type: ignore[arg-type]
    except AssertionError as exc:
        return str(exc)
    return None


def dtype_contains(dtype: pl.DataType, test: Callable[[pl.DataType], bool]) -> bool:
    """Whether `dtype`, or any dtype nested in it (list, array, struct field), passes `test`."""
    if test(dtype):
        return True
    if isinstance(dtype, pl.Struct):
        return any(dtype_contains(f.dtype, test) for f in dtype.fields)
    inner = getattr(dtype, "inner", None)
    return inner is not None and dtype_contains(inner, test)
