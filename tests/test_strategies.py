"""Properties of the input-frame strategy that the conformance checks rely on."""

from __future__ import annotations

import datetime as dt
import math

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import Phase, find, given, settings
from polars.testing import assert_frame_equal

from strategies import dtypes as D
from strategies.frames import TILED_ATTR, Col, frame_inputs

# Written out here rather than read from strategies.frames, so a change to the pools is noticed.
SIGNED_KEYS = {-1, 0, 1, 2}
UNSIGNED_KEYS = {0, 1, 2, 3}
STRING_KEYS = {"", "a", "b", "ü"}
DATE_KEYS = {dt.date(1969, 12, 31), dt.date(2000, 2, 29), dt.date(2024, 1, 1)}
FLOAT_BOUND = 1_000_000  # |value| of a finite generated float never exceeds this (Float64)
FLOAT32_BOUND = 1_000

KEYED = {"k": Col(D.keys, key=True), "v": Col(D.numeric), "x": Col()}
# Three frames sharing `k` (a key), `a` (any dtype) and `f` (a float) in different combinations.
SHARED = (
    {"k": Col(D.keys, key=True), "a": Col(), "f": Col(D.floats)},
    {"a": Col(), "k": Col(D.keys, key=True), "b": Col()},
    {"f": Col(D.floats), "a": Col(), "c": Col(D.numeric)},
)
FLOATS = {
    "f": Col(D.floats),
    "g": Col(D.floats, allow_null=False),
    "n": Col(D.numeric),
    "x": Col(),
}

SEARCH = settings(
    max_examples=400, database=None, deadline=None, phases=[Phase.generate], derandomize=True
)


def key_pool(dtype: pl.DataType) -> set[object]:
    if dtype.is_unsigned_integer():
        return set(UNSIGNED_KEYS)
    if dtype.is_integer():
        return set(SIGNED_KEYS)
    if dtype == pl.String or isinstance(dtype, pl.Categorical | pl.Enum):
        return set(STRING_KEYS)
    if dtype == pl.Boolean:
        return {True, False}
    if dtype == pl.Date:
        return set(DATE_KEYS)
    raise AssertionError(f"{dtype} is not a key dtype")


@settings(max_examples=30, deadline=None)
@given(frames=frame_inputs(SHARED))
def test_shared_column_names_get_one_dtype(frames: tuple[pl.DataFrame, ...]) -> None:
    assert len(frames) == len(SHARED)
    for frame, spec in zip(frames, SHARED, strict=True):
        assert frame.columns == list(spec)
    dtypes: dict[str, pl.DataType] = {}
    for frame in frames:
        for name, dtype in frame.schema.items():
            assert dtypes.setdefault(name, dtype) == dtype, (name, dtypes[name], dtype)
    assert dtypes["f"] in (pl.Float32, pl.Float64)


def _assert_keys_from_pool(frame: pl.DataFrame) -> None:
    keys = frame["k"]
    pool = key_pool(keys.dtype)
    values = set(keys.drop_nulls().to_list())
    assert values <= pool, (keys.dtype, values - pool)
    assert keys.n_unique() <= len(pool) + 1  # the pool, plus null


@settings(max_examples=30, deadline=None)
@given(
    frames=frame_inputs(
        (
            {"k": Col(D.keys, key=True), "v": Col(D.numeric), "x": Col()},
            {"k": Col(D.keys, key=True), "b": Col()},
        )
    )
)
def test_key_columns_draw_from_the_small_pool(frames: tuple[pl.DataFrame, ...]) -> None:
    for frame in frames:
        _assert_keys_from_pool(frame)


def test_categorical_key_columns_draw_from_the_small_pool() -> None:
    found = find(
        frame_inputs(({"k": Col(st.just(pl.Categorical), key=True)},)),
        lambda f: f[0]["k"].drop_nulls().len() > 0,
        settings=SEARCH,
    )
    _assert_keys_from_pool(found[0])


@pytest.mark.parametrize("spec", [Col(D.floats), Col(D.keys, key=True)], ids=["float", "key"])
def test_nullable_float_and_key_columns_can_hold_nulls(spec: Col) -> None:
    assert spec.allow_null
    found = find(
        frame_inputs(({"c": spec},)), lambda f: f[0]["c"].null_count() > 0, settings=SEARCH
    )
    assert found[0]["c"].null_count() > 0


def _is_allowed_float(value: float, bound: float) -> bool:
    if math.isnan(value) or math.isinf(value):
        return True
    return (value * 4).is_integer() and abs(value) <= bound


@settings(max_examples=30, deadline=None)
@given(frames=frame_inputs((FLOATS,)))
def test_float_columns_hold_quarters_or_specials(frames: tuple[pl.DataFrame, ...]) -> None:
    (frame,) = frames
    assert frame["g"].null_count() == 0
    for name, dtype in frame.schema.items():
        if not dtype.is_float():
            continue
        bound = FLOAT32_BOUND if dtype == pl.Float32 else FLOAT_BOUND
        bad = [
            v for v in frame[name].to_list() if v is not None and not _is_allowed_float(v, bound)
        ]
        assert not bad, (name, dtype, bad[:5])


def test_float_check_rejects_arbitrary_floats() -> None:
    # The property above is not vacuous: ordinary floats fail it.
    assert not _is_allowed_float(0.1, FLOAT_BOUND)
    assert not _is_allowed_float(2.0**40, FLOAT_BOUND)
    assert all(_is_allowed_float(v, 1) for v in (math.nan, math.inf, -math.inf, -0.0, 0.0, 0.75))


def _first(frames: tuple[pl.DataFrame, ...]) -> pl.DataFrame:
    return frames[0]


def test_some_input_is_empty() -> None:
    found = find(frame_inputs((KEYED,)), lambda f: _first(f).height == 0, settings=SEARCH)
    assert _first(found).height == 0
    assert _first(found).columns == list(KEYED)


def test_some_small_input_is_multi_chunk() -> None:
    found = find(
        frame_inputs((KEYED,)),
        # the small tier only: chunks from polars' own generator, not from tiling a large input
        lambda f: _first(f).height <= 12 and max(_first(f).n_chunks("all")) > 1,
        settings=SEARCH,
    )
    assert max(_first(found).n_chunks("all")) > 1


@pytest.mark.parametrize("nested", [D.numeric_lists, D.numeric_arrays])
def test_nested_columns_holding_floats_are_drawn_with_values(
    nested: st.SearchStrategy[pl.DataType],
) -> None:
    """The drawn dtypes hold classes (`List(Float64)`): each gets its values all the same, not
    an input rejected for want of a value strategy."""

    def float_values(f: tuple[pl.DataFrame, ...]) -> bool:
        column = _first(f)["a"]
        inner = column.dtype.inner if hasattr(column.dtype, "inner") else None
        return inner is not None and inner.is_float() and column.drop_nulls().len() > 1

    found = find(frame_inputs(({"a": Col(nested)},)), float_values, settings=SEARCH)
    assert float_values(found)


def test_some_input_is_large_and_only_the_first_frame_is() -> None:
    found = find(frame_inputs((KEYED, KEYED)), lambda f: _first(f).height >= 500, settings=SEARCH)
    first, second = found
    assert 500 <= first.height <= 3000
    assert second.height <= 12
    # the recipe records keep instead of its rows: the frame, chunk for chunk
    base, copies = getattr(first, TILED_ATTR)
    again = pl.concat([base] * copies, rechunk=False)
    assert_frame_equal(again, first)
    assert [s.chunk_lengths() for s in again] == [s.chunk_lengths() for s in first]


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_heights_stay_within_the_two_tiers(data: st.DataObject) -> None:
    first, second = data.draw(frame_inputs((KEYED, {"k": Col(D.keys, key=True)})))
    # the large tier tiles a frame of h <= 12 rows up to a target in [500, 3000]: h * (target // h)
    assert first.height <= 12 or 500 - 11 <= first.height <= 3000
    assert second.height <= 12
