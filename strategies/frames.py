"""Input frames for catalog operations.

An operation declares its inputs as column specs (`Col`) per frame; columns with the same name in
several frames share one drawn dtype, so join keys match. Frames may be empty, multi-chunk, and now
and then a few thousand rows long, so streaming morsel and chunk boundaries are crossed. Where the
caller allows it (`scale=True`), a small share of single-input examples is drawn at scale
(`strategies.scale`): 10^5 to 10^6 rows of many distinct or skewed keys, built vectorised.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import hypothesis.strategies as st
import polars as pl
from hypothesis import reject
from polars.exceptions import PanicException
from polars.testing.parametric.strategies.data import data as parametric_values

from strategies import dtypes as D
from strategies.scale import buildable, generated_frame, scale_params, scale_share

MAX_SMALL_ROWS = 12
LARGE_ROWS = (500, 3000)
# The attribute a tiled frame carries, `(base, copies)`: it is `pl.concat([base] * copies,
# rechunk=False)`, and records keep that recipe instead of its thousands of rows in as many chunks
# (read by `reports.records.encode_frames`)
TILED_ATTR = "_tiled_from"


@dataclass(frozen=True)
class Col:
    """One input column: the dtype group it is drawn from and how its values are drawn."""

    dtypes: st.SearchStrategy[pl.DataType] = field(default_factory=lambda: D.any_dtype)
    key: bool = False  # values from a small pool, so groups and join matches occur
    allow_null: bool = True
    # the frame arrives sorted by its `sorted` columns (in spec order), for operations that
    # require sorted input: join_asof, merge_sorted, group_by_dynamic, rolling by time
    sorted: bool = False


Frame = Mapping[str, Col]

_FLOAT_SPECIALS = (math.nan, math.inf, -math.inf, -0.0, 0.0)


def float_values(dtype: pl.DataType) -> st.SearchStrategy[float]:
    """Specials plus multiples of 1/4 small enough that sums are exact in any order.

    Exact sums keep engines that add in different orders from raising false alarms, while NaN,
    infinities and negative zero still reach every operation.
    """
    bound = 4_000 if dtype == pl.Float32 else 4_000_000
    return st.one_of(
        st.sampled_from(_FLOAT_SPECIALS),
        st.integers(-bound, bound).map(lambda i: i / 4),
    )


def key_values(dtype: pl.DataType) -> st.SearchStrategy[object] | None:
    """A small pool of values for a key column of `dtype`."""
    if dtype.is_integer():
        return st.sampled_from([0, 1, 2, 3] if dtype.is_unsigned_integer() else [-1, 0, 1, 2])
    # `==` rather than isinstance: the drawn dtype may be the class `pl.Categorical` itself.
    if dtype == pl.String or dtype == pl.Categorical:
        return st.sampled_from(["", "a", "b", "ü"])
    if isinstance(dtype, pl.Enum):
        return st.sampled_from(list(D.ENUM_CATEGORIES))
    if dtype == pl.Boolean:
        return st.booleans()
    if dtype == pl.Date:
        return st.sampled_from([dt.date(1969, 12, 31), dt.date(2000, 2, 29), dt.date(2024, 1, 1)])
    return None


def own_values(key: bool, dtype: pl.DataType) -> st.SearchStrategy[object] | None:
    """The values the suite draws itself, without nulls: a key's pool, exact-sum floats; None
    leaves the dtype to polars' parametric strategy."""
    if key:
        return key_values(dtype)
    return float_values(dtype) if dtype.is_float() else None


@lru_cache(maxsize=1024)
def _own_values(
    key: bool, allow_null: bool, dtype: pl.DataType
) -> st.SearchStrategy[object] | None:
    """`own_values` with nulls (1 in 5) where allowed.

    Built once per kind of column: a generated query's column specs are new objects each time."""
    values = own_values(key, dtype)
    if values is None or not allow_null:
        return values
    return st.integers(0, 4).flatmap(lambda i: st.none() if i == 0 else values)


@st.composite
def frame_inputs(
    draw: st.DrawFn,
    frames: Sequence[Frame],
    max_rows: int = MAX_SMALL_ROWS,
    scale: bool = False,
    tile: bool = True,
) -> tuple[pl.DataFrame, ...]:
    """Draw one DataFrame per spec in `frames`; the first may be tiled to thousands of rows.

    With `scale`, a single input of flat dtypes is drawn at scale in one example of every
    `scale_share()` (queries that could multiply its rows, such as self-joins, do not ask).
    """
    shared: dict[str, pl.DataType] = {}
    for spec in frames:
        for name, col in spec.items():
            if name not in shared:
                shared[name] = draw(col.dtypes, label=f"dtype of {name}")
    if scale and len(frames) == 1 and frames[0] and (share := scale_share()):
        (spec,) = frames
        if (
            all(buildable(shared[n]) for n in spec)
            and draw(st.integers(1, share), label="scale tier") == share
        ):
            columns = {n: (shared[n], col.key, col.allow_null) for n, col in spec.items()}
            params = draw(scale_params(columns), label="scale parameters")
            return (generated_frame(params, tuple(n for n, col in spec.items() if col.sorted)),)
    out: list[pl.DataFrame] = []
    for i, spec in enumerate(frames):
        try:
            df = _frame(draw, {name: (shared[name], col) for name, col in spec.items()}, max_rows)
        except (Exception, PanicException):
            # Some releases cannot build some nested values from Python objects (e.g. Array of
            # Decimal on 1.25); such an input is not the subject of any check, so it is skipped.
            reject()
        # tiled rows repeat their keys: a query whose joins multiply rows asks for none (`tile`)
        if tile and i == 0 and df.height and draw(st.integers(0, 9), label="tier") == 0:
            target = draw(st.integers(*LARGE_ROWS), label="large rows")
            base, copies = df, -(-target // df.height)
            df = pl.concat([base] * copies, rechunk=False)
            setattr(df, TILED_ATTR, (base, copies))
        if by := [name for name, col in spec.items() if col.sorted]:
            df = df.sort(by, maintain_order=True)  # one chunk, not the recipe's
        out.append(df)
    return tuple(out)


# A small frame drawn as `polars.testing.parametric.dataframes` draws one (a size, then each column:
# its values, nested values masked out under nulls now and then, two chunks now and then), but
# with each dtype's value strategy built once: the parametric strategies build and validate it,
# nested strategies and all, on every draw, which was most of the cost of drawing an input.


@lru_cache(maxsize=1024)
def _parametric(dtype: pl.DataType, allow_null: bool) -> st.SearchStrategy[object]:
    # a dtype as a Series holds it: the drawn dtypes may hold classes (`List(Float64)`), which
    # `series` instantiates before building values and the value strategy itself does not take
    return parametric_values(pl.Series(dtype=dtype).dtype, allow_null=allow_null)


def _frame(
    draw: st.DrawFn, columns: Mapping[str, tuple[pl.DataType, Col]], max_rows: int
) -> pl.DataFrame:
    size = draw(st.integers(0, max_rows), label="rows")
    split_columns = draw(st.booleans(), label="columns in two chunks")
    df = pl.DataFrame(
        [
            draw_series(
                draw,
                name,
                dtype,
                size,
                _own_values(col.key, col.allow_null, dtype),
                col.allow_null,
                split_columns,
            )
            for name, (dtype, col) in columns.items()
        ]
    )
    if size > 1 and not split_columns and draw(st.booleans(), label="frame in two chunks"):
        df = df[: size // 2].vstack(df[size // 2 :])
    return df


def draw_series(
    draw: st.DrawFn,
    name: str,
    dtype: pl.DataType,
    size: int,
    values: st.SearchStrategy[object] | None,
    allow_null: bool,
    split: bool,
) -> pl.Series:
    """`size` values of `dtype` (from `values`, else polars' own) as
    `polars.testing.parametric.series` draws them; `split`: in two chunks now and then."""
    nested = isinstance(dtype, pl.List | pl.Array | pl.Struct)
    mask_out = allow_null and nested and draw(st.booleans(), label="masked out")
    if values is None:
        values = _parametric(dtype, allow_null and not mask_out)
    series = pl.Series(name, draw(st.lists(values, min_size=size, max_size=size)), dtype=dtype)
    if mask_out:  # nulls over values that stay in the buffers
        keep = draw(st.lists(st.booleans(), min_size=size, max_size=size), label="kept")
        series = pl.select(pl.when(pl.Series(keep, dtype=pl.Boolean)).then(series).alias(name))
        series = series.to_series()
    if split and size > 1 and draw(st.booleans(), label="two chunks"):
        series = series[: size // 2].append(series[size // 2 :])
    return series
