"""Sorted flags must be truthful: a column flagged sorted must really be sorted that way.

Polars trusts its flags (`Series.flags["SORTED_ASC"/"SORTED_DESC"]`) without looking: min, max,
search_sorted, group_by, joins and more take fast paths that return wrong results on data flagged
sorted that is not. So every frame a query returns is checked here. "Sorted" is Polars' own order
(the one `Series.sort` produces: NaN above every number, -0.0 tied with 0.0), and the nulls must
sit together at one end, since the flag does not say which end and a fast path looks at both.

Frames that crossed a process boundary as IPC (the small-morsel lane) have lost their flags, so
there is nothing to check in them; that is not a finding either way.

A flagged column is checked on a flagless view of the same buffers (`_unflagged`: an Arrow C
stream round trip, which copies nothing), each column and direction at most once per input: the
harness keeps the baseline's `Verdicts`, and a cell that holds the baseline's values in its order
takes its verdicts from them (`lies_beside`), whatever flags it carries.
"""

from __future__ import annotations

import polars as pl
from polars.exceptions import PanicException

from conformance.judge.compare import same_schema
from strategies.sorted import without_flags

FLAGS = (("SORTED_ASC", False), ("SORTED_DESC", True))


def _why_not_sorted(column: pl.Series, descending: bool) -> str | None:
    """None when `column` is sorted in that direction with its nulls at one end, else why not."""
    # null counts and slices are metadata and views: every other Series method here runs a query
    # (tens of microseconds each), and every flagged column of every result comes here
    n_null, height = column.null_count(), column.len()
    values = column
    if 0 < n_null < height:
        if column.head(n_null).null_count() == n_null:
            values = column.slice(n_null)
        elif column.tail(n_null).null_count() == n_null:
            values = column.head(height - n_null)
        else:
            return "its nulls are not all at one end"
    elif n_null == height:
        return None
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


class Verdicts:
    """How one frame's columns are sorted: each column and direction checked at most once."""

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame
        self._why: dict[tuple[str, bool], str | None] = {}
        self._lies: list[str] | None = None

    def why(self, name: str, descending: bool) -> str | None:
        """None when column `name` is sorted that way (nulls at one end), else why not."""
        key = (name, descending)
        if key not in self._why:
            self._why[key] = _why_not_sorted(_unflagged(self.frame[name]), descending)
        return self._why[key]

    def lies(self) -> list[str]:
        """One line per sorted flag of the frame's that its data contradicts."""
        if self._lies is None:
            self._lies = lies_beside(self.frame, self, same_values=True)
        return self._lies


def untruthful_flags(frame: pl.DataFrame) -> list[str]:
    """One line per column whose sorted flag its data contradicts; empty when all are truthful."""
    return Verdicts(frame).lies()


def lies_beside(frame: pl.DataFrame, baseline: Verdicts, same_values: bool) -> list[str]:
    """`untruthful_flags(frame)`, where `baseline` has the verdicts of another frame.

    A frame that holds the baseline's values in the baseline's order under its schema
    (`same_values`) is sorted exactly as the baseline is: the baseline's verdicts, each checked
    once per input, answer for every flag it carries.
    """
    same = same_values and same_schema(frame, baseline.frame)
    verdicts = baseline if same else Verdicts(frame)
    return [
        f"column {name!r} ({frame[name].dtype}) is flagged {flag}, but {why}"
        for name, flag, descending in _flagged(frame)
        if (why := verdicts.why(name, descending)) is not None
    ]
