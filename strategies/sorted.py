"""Truly sorted inputs for the sortedness contracts.

A sorted fast path may only be taken where the data really is sorted, so these inputs are sorted
by Polars itself: "sorted" always means Polars' own total order (NaN above every number, -0.0 tied
with 0.0, nulls first or last as asked). Key values come from small pools, so ties are common, with
no, some or only nulls, NaN, infinities and signed zeros, and every size from empty and one row to
a few thousand rows. Sorted frames come back without sorted flags, so a property decides where a
flag is set; they are split into chunks, so fast paths meet chunk boundaries too.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import TypeVar

import hypothesis.strategies as st
import polars as pl

from strategies import dtypes as D
from strategies.frames import (
    LARGE_ROWS,
    MAX_SMALL_ROWS,
    Col,
    draw_series,
    float_values,
    own_values,
)

# Dtypes with an order (Categorical is left out: whether its order is lexical or physical
# depends on the release, so "truly sorted" would be ambiguous).
ordered = st.one_of(
    D.integers,
    D.floats,
    D.decimals,
    D.strings,
    D.binary,
    D.booleans,
    D.dates,
    D.datetimes,
    D.durations,
    D.times,
    st.just(pl.Enum(list(D.ENUM_CATEGORIES))),
)
_POOL_SIZE = 6  # distinct values a key column draws from: ties are common

# What rolling windows and group_by_dynamic accept as an index column.
window_index = st.one_of(st.sampled_from([pl.Int32, pl.Int64]), D.dates, D.datetimes)
_WINDOW_START = dt.datetime(2024, 3, 1)  # spans the March DST change of the time zones drawn
_WINDOW_DAYS = 60


def window_values(dtype: pl.DataType) -> st.SearchStrategy[pl.Series]:
    """A pool of index values close together: windows a few units wide then hold several rows.

    Values spread over the whole range of the dtype would give a window query millions of
    (empty) windows to walk through, and never more than one row per window.
    """
    if dtype.is_integer():
        return st.lists(st.integers(-20, 20), min_size=1, max_size=_POOL_SIZE).map(
            lambda v: pl.Series(v, dtype=dtype)
        )
    span = dt.timedelta(days=_WINDOW_DAYS)
    moments = st.lists(
        st.datetimes(_WINDOW_START, _WINDOW_START + span), min_size=1, max_size=_POOL_SIZE
    )
    if dtype == pl.Date:
        return moments.map(lambda v: pl.Series(v, dtype=pl.Datetime("us")).dt.date())
    assert isinstance(dtype, pl.Datetime)

    def as_dtype(values: list[dt.datetime]) -> pl.Series:
        naive = pl.Series(values, dtype=pl.Datetime(dtype.time_unit))
        if dtype.time_zone is None:
            return naive
        return naive.dt.replace_time_zone("UTC").dt.convert_time_zone(dtype.time_zone)

    return moments.map(as_dtype)


# What join_asof accepts as its `on` key.
asof_keys = st.one_of(D.numeric, D.dates, D.datetimes, D.durations)

F = TypeVar("F", pl.DataFrame, pl.LazyFrame)


@dataclass(frozen=True)
class Key:
    """A column frames get sorted by: values drawn from a small pool, so ties are common."""

    dtypes: st.SearchStrategy[pl.DataType] = field(default_factory=lambda: ordered)
    allow_null: bool = True
    # the pool of values for a dtype; None: Polars' parametric values (floats: specials included)
    pool: Callable[[pl.DataType], st.SearchStrategy[pl.Series]] | None = None


Spec = Mapping[str, Key | Col]


@dataclass(frozen=True)
class SortOrder:
    """What frames are sorted by: columns in order, each ascending or not, nulls first or last."""

    by: tuple[str, ...]
    descending: tuple[bool, ...]
    nulls_last: tuple[bool, ...]

    def sort(self, frame: F) -> F:
        """`frame` sorted in this order; stable, so sorted input comes back unchanged."""
        return frame.sort(
            list(self.by),
            descending=list(self.descending),
            nulls_last=list(self.nulls_last),
            maintain_order=True,
        )

    def __str__(self) -> str:
        return ", ".join(
            f"{name} {'desc' if d else 'asc'} nulls {'last' if n else 'first'}"
            for name, d, n in zip(self.by, self.descending, self.nulls_last, strict=True)
        )


def sort_orders(
    by: Sequence[str], *, descending: bool | None = None, nulls_last: bool | None = None
) -> st.SearchStrategy[SortOrder]:
    """Orders over `by`; `descending`/`nulls_last` are drawn per column unless fixed."""

    def flags(fixed: bool | None) -> st.SearchStrategy[tuple[bool, ...]]:
        one = st.booleans() if fixed is None else st.just(fixed)
        return st.tuples(*[one] * len(by))

    return st.builds(SortOrder, st.just(tuple(by)), flags(descending), flags(nulls_last))


def without_flags(frame: pl.DataFrame) -> pl.DataFrame:
    """The same data without the flags it carried: an IPC round trip carries values, not flags.

    Polars may still flag a trivially sorted column (empty, or all null) on reading it back.
    """
    buf = io.BytesIO()
    frame.rechunk().write_ipc(buf)
    buf.seek(0)
    return pl.read_ipc(buf)


@st.composite
def _key_values(draw: st.DrawFn, dtype: pl.DataType, n: int, spec: Key) -> pl.Series:
    """`n` values from a pool of a few, with none, some or only nulls."""
    if spec.pool is not None:
        pool = draw(spec.pool(dtype))
    else:
        # a drawn size, not a list Hypothesis keeps short: columns need distinct values too
        size = draw(st.integers(1, _POOL_SIZE), label="pool size")
        if dtype.is_float():
            values = st.lists(float_values(dtype), min_size=size, max_size=size)
            pool = pl.Series(draw(values), dtype=dtype)
        else:
            pool = draw_series(draw, "", dtype, size, None, allow_null=False, split=False)
    picks = draw(st.lists(st.integers(0, pool.len() - 1), min_size=n, max_size=n))
    values = pool.gather(picks)
    # all-null is a corner case worth one draw in five, not one in three
    nulls = (
        draw(st.sampled_from(["none", "some", "none", "some", "all"]))
        if spec.allow_null
        else "none"
    )
    if nulls == "none":
        return values
    some = st.lists(st.integers(0, 3).map(lambda i: i == 0), min_size=n, max_size=n)  # 1 in 4
    mask = [True] * n if nulls == "all" else draw(some)
    return values.zip_with(~pl.Series(mask, dtype=pl.Boolean), pl.Series([None] * n, dtype=dtype))


@lru_cache(maxsize=1024)
def _payload_values(
    key: bool, allow_null: bool, dtype: pl.DataType
) -> st.SearchStrategy[object] | None:
    """`own_values`, as for catalog inputs, with nulls (1 in 2) where allowed (built once per kind
    of column)."""
    values = own_values(key, dtype)
    if values is None or not allow_null:
        return values
    return st.one_of(st.none(), values)


@st.composite
def orderable_frames(
    draw: st.DrawFn, specs: Sequence[Spec], max_rows: int = MAX_SMALL_ROWS
) -> tuple[pl.DataFrame, ...]:
    """One unsorted frame per spec; columns of one name share a dtype across frames (join keys).

    Frames are sorted later, with `sorted_frames`, in an order the property draws.
    """
    shared: dict[str, pl.DataType] = {}
    for spec in specs:
        for name, col in spec.items():
            if name not in shared:
                shared[name] = draw(col.dtypes, label=f"dtype of {name}")
    out = []
    for i, spec in enumerate(specs):
        n = draw(st.integers(0, max_rows), label=f"rows of frame {i}")
        columns = []
        for name, col in spec.items():
            dtype = shared[name]
            if isinstance(col, Key):
                values = draw(_key_values(dtype, n, col))
            else:
                payload = _payload_values(col.key, col.allow_null, dtype)
                values = draw_series(draw, name, dtype, n, payload, col.allow_null, split=False)
            columns.append(values.alias(name))
        frame = pl.DataFrame(columns) if columns else pl.DataFrame()
        if i == 0 and n and draw(st.integers(0, 9), label="tier") == 0:
            target = draw(st.integers(*LARGE_ROWS), label="large rows")
            frame = pl.concat([frame] * -(-target // n))
        out.append(frame)
    return tuple(out)


@st.composite
def sorted_frames(
    draw: st.DrawFn, frames: Sequence[pl.DataFrame], order: SortOrder
) -> tuple[pl.DataFrame, ...]:
    """`frames` sorted by Polars in `order`, flags cleared, each split into a few chunks."""
    out = []
    for frame in frames:
        ordered_frame = without_flags(order.sort(frame))
        height = ordered_frame.height
        if height > 1:
            cuts = draw(
                st.lists(st.integers(1, height - 1), max_size=3, unique=True), label="chunk cuts"
            )
            bounds = [0, *sorted(cuts), height]
            ordered_frame = pl.concat(
                [ordered_frame.slice(a, b - a) for a, b in pairwise(bounds)], rechunk=False
            )
        out.append(ordered_frame)
    return tuple(out)
