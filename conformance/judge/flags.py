"""Sorted flags must be truthful: a column flagged sorted must really be sorted that way.

Polars trusts its flags (`Series.flags["SORTED_ASC"/"SORTED_DESC"]`) without looking: min, max,
search_sorted, group_by, joins and more take fast paths that return wrong results on data flagged
sorted that is not. So every frame a query returns is checked here. "Sorted" is Polars' own order
(the one `Series.sort` produces: NaN above every number, -0.0 tied with 0.0), and the nulls must
sit together at one end, since the flag does not say which end and a fast path looks at both.

Frames that crossed a process boundary as IPC (the small-morsel lane) have lost their flags, so
there is nothing to check in them; that is not a finding either way.
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


def _unflagged(column: pl.Series) -> pl.Series:
    """`column` without its flags: sorting the flagged column would take the fast path on trial.

    An IPC round trip keeps every dtype; where Polars cannot write the column as IPC, it is
    rebuilt from its Python values (nanosecond times truncate to microseconds: monotonic, so a
    sorted column stays sorted and this can miss a lie, never invent one).
    """
    try:
        return without_flags(column.to_frame()).to_series()
    except (Exception, PanicException):
        return pl.Series(column.name, column.to_list(), dtype=column.dtype)


def untruthful_flags(frame: pl.DataFrame) -> list[str]:
    """One line per column whose sorted flag its data contradicts; empty when all are truthful."""
    flagged = [
        (column.name, flag, descending)
        for column in frame.get_columns()
        for flag, descending in FLAGS
        if column.flags.get(flag)
    ]
    if not flagged:
        return []
    out = []
    for name, flag, descending in flagged:
        if why := _why_not_sorted(_unflagged(frame[name]), descending):
            out.append(f"column {name!r} ({frame[name].dtype}) is flagged {flag}, but {why}")
    return out
