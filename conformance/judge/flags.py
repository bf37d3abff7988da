"""Sorted flags must be truthful: a column flagged sorted must really be sorted that way.

Polars trusts its flags (`Series.flags["SORTED_ASC"/"SORTED_DESC"]`) without looking: min, max,
search_sorted, group_by, joins and more take fast paths that return wrong results on data flagged
sorted that is not. So every frame a query returns is checked here. "Sorted" is Polars' own order
(the one `Series.sort` produces: NaN above every number, -0.0 tied with 0.0), and the nulls must
sit together at one end, since the flag does not say which end and a fast path looks at both.

Frames that crossed a process boundary as IPC (the small-morsel lane) have lost their flags, so
there is nothing to check in them; that is not a finding either way.

A flagged column is checked on a flagless view of the same buffers (`_unflagged`: an Arrow C
stream round trip, which copies nothing), and each frame at most once: the harness checks the
baseline once per input, and a cell's column that holds the baseline's values under the
baseline's flag shares the baseline's verdict (`lies_beside`).
"""

from __future__ import annotations

import polars as pl
from polars.exceptions import PanicException

from strategies.sorted import without_flags

FLAGS = (("SORTED_ASC", False), ("SORTED_DESC", True))


def _why_not_sorted(column: pl.Series, descending: bool) -> str | None:
    """None when `column` is sorted in that direction with its nulls at one end, else why not."""
    nulls = column.is_null()
    n_null = nulls.sum()
    if 0 < n_null < column.len() and not (nulls.head(n_null).all() or nulls.tail(n_null).all()):
        return "its nulls are not all at one end"
    values = column.drop_nulls()
    expected = values.sort(descending=descending)
    if values.equals(expected):
        return None
    first = next(i for i, same in enumerate(values.eq_missing(expected)) if not same)
    window = values.slice(max(first - 1, 0), 3).to_list()
    return f"its non-null values are not sorted: {window} around non-null value #{first}"


class _Stream:
    """Hands Polars a column's Arrow C stream, and nothing else: Polars imports it as a new
    Series over the same buffers, without the flags (Arrow has none)."""

    def __init__(self, column: pl.Series) -> None:
        self.column = column

    def __arrow_c_stream__(self, requested_schema: object = None) -> object:
        return self.column.__arrow_c_stream__(requested_schema)


def _unflagged(column: pl.Series) -> pl.Series:
    """`column` without its flags: sorting the flagged column would take the fast path on trial.

    The Arrow C stream shares the buffers and keeps every dtype (Polars' own extension types
    included); where this Polars cannot export or import one, an IPC round trip keeps every
    dtype; where Polars cannot write the column as IPC either, it is rebuilt from its Python
    values (nanosecond times truncate to microseconds: monotonic, so a sorted column stays sorted
    and this can miss a lie, never invent one).
    """
    try:
        view = pl.Series(_Stream(column))
        if view.dtype == column.dtype and view.len() == column.len():
            return view
    except (Exception, PanicException):
        pass
    try:
        return without_flags(column.to_frame()).to_series()
    except (Exception, PanicException):
        return pl.Series(column.name, column.to_list(), dtype=column.dtype)


def _flagged(frame: pl.DataFrame) -> list[tuple[str, str, bool]]:
    """(column, flag, descending) for every column that carries a sorted flag."""
    return [
        (column.name, flag, descending)
        for column in frame.get_columns()
        for flag, descending in FLAGS
        if column.flags.get(flag)
    ]


def _lie(frame: pl.DataFrame, name: str, flag: str, descending: bool) -> str | None:
    if why := _why_not_sorted(_unflagged(frame[name]), descending):
        return f"column {name!r} ({frame[name].dtype}) is flagged {flag}, but {why}"
    return None


def untruthful_flags(frame: pl.DataFrame) -> list[str]:
    """One line per column whose sorted flag its data contradicts; empty when all are truthful."""
    return [lie for flagged in _flagged(frame) if (lie := _lie(frame, *flagged)) is not None]


Lies = dict[tuple[str, str], str]  # (column, flag) -> how that flag lies


def lies_beside(
    frame: pl.DataFrame, baseline: pl.DataFrame, baseline_lies: Lies, same_values: bool
) -> list[str]:
    """`untruthful_flags(frame)`, knowing the baseline's verdicts (`column_lies(baseline)`).

    Where `frame` holds the baseline's values in the baseline's order (`same_values`), a column
    flagged as the baseline's is sorted exactly when the baseline's is: only the flags that differ
    from the baseline's are checked.
    """
    shared = set(_flagged(baseline)) if same_values and frame.schema == baseline.schema else set()
    out = []
    for name, flag, descending in _flagged(frame):
        if (name, flag, descending) in shared:
            lie = baseline_lies.get((name, flag))
        else:
            lie = _lie(frame, name, flag, descending)
        if lie is not None:
            out.append(lie)
    return out


def column_lies(frame: pl.DataFrame) -> Lies:
    """(column, flag) -> the line saying how that flag lies, for each flag that lies."""
    return {
        (name, flag): lie
        for name, flag, descending in _flagged(frame)
        if (lie := _lie(frame, name, flag, descending)) is not None
    }
