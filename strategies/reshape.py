"""Input frames shaped for reshape invariants: wide and long tables, lists, structs, concat parts.

Every strategy draws through `frame_inputs`, so the frames keep its dtypes, nulls, chunk layouts
and occasional thousands of rows; on top of that each one guarantees the shape its contract needs
(a unique pivot index, one dtype across columns, a null among the pivot keys, ...).
"""

from __future__ import annotations

import hypothesis.strategies as st
import polars as pl
from hypothesis import reject
from polars.exceptions import PanicException

from strategies import dtypes as D
from strategies.frames import MAX_SMALL_ROWS, Col, Frame, frame_inputs

Frames = tuple[pl.DataFrame, ...]

INDEX_PREFIX = "id"
# Names a wide frame's value columns are drawn from: "variable" and "value" are unpivot's default
# output names, "null" is the name pivot gives a null key, "0" looks like a row number.
VALUE_NAMES = ("a", "b", "value", "variable", "null", "0", "ü")
# transpose turns rows into columns: a few thousand rows would be a few thousand columns.
MAX_TRANSPOSE_ROWS = 40


def _one(draw: st.DrawFn, spec: Frame, max_rows: int = MAX_SMALL_ROWS) -> pl.DataFrame:
    (df,) = draw(frame_inputs([spec], max_rows=max_rows))
    return df


@st.composite
def wide_frames(draw: st.DrawFn) -> Frames:
    """A unique index (1-2 key-typed columns `id0`, `id1`) and 1-4 value columns of one dtype.

    This is the shape unpivot consumes and pivot rebuilds: with a unique index every (index,
    column) cell holds exactly one value, so pivot needs no aggregation.
    """
    n_index = draw(st.integers(1, 2), label="index columns")
    dtype = draw(D.any_dtype, label="value dtype")
    names = draw(
        st.lists(st.sampled_from(VALUE_NAMES), min_size=1, max_size=4, unique=True),
        label="value columns",
    )
    index = [f"{INDEX_PREFIX}{i}" for i in range(n_index)]
    spec = {name: Col(D.keys) for name in index} | {n: Col(st.just(dtype)) for n in names}
    df = _one(draw, spec)
    return (df.filter(pl.struct(index).is_first_distinct()),)


@st.composite
def long_frames(draw: st.DrawFn, null_key: bool = False) -> Frames:
    """`i` (pivot index) and `k` (pivot `on`) from small key pools, `v` numeric values.

    Small pools make (index, key) combinations repeat, so aggregates see groups of several rows,
    and leave some combinations empty. `null_key` puts a null among the keys at a drawn row.
    """
    spec = {"i": Col(D.keys, key=True), "k": Col(D.keys, key=True), "v": Col(D.numeric)}
    df = _one(draw, spec)
    if not null_key:
        return (df,)
    if df.height == 0:
        return (pl.DataFrame({"i": [None], "k": [None], "v": [None]}, schema=df.schema),)
    row = draw(st.integers(0, df.height - 1), label="null key row")
    nulled = pl.when(pl.int_range(pl.len()) == row).then(None).otherwise(pl.col("k"))
    return (df.with_columns(nulled.alias("k")),)


@st.composite
def list_frames(draw: st.DrawFn) -> Frames:
    """A list column `l` (empty and null lists included) beside a column `x` of any dtype."""
    return (_one(draw, {"l": Col(D.lists), "x": Col()}),)


@st.composite
def any_frames(draw: st.DrawFn) -> Frames:
    """1-4 columns `c0`.. of independently drawn dtypes."""
    width = draw(st.integers(1, 4), label="width")
    return (_one(draw, {f"c{i}": Col() for i in range(width)}),)


def zero_field_structs(valid: list[bool]) -> pl.Series | None:
    """A `Struct({})` column (`{}` where `valid`, else null); None where this Polars cannot build one."""
    try:
        return pl.Series("z", [{} if v else None for v in valid], dtype=pl.Struct({}))
    except (Exception, PanicException):
        return None


@st.composite
def struct_frames(draw: st.DrawFn) -> Frames:
    """`i` integers and a struct column `s` (fields f0..), sometimes with a zero-field struct `z`."""
    df = _one(draw, {"i": Col(D.integers), "s": Col(D.structs)})
    if draw(st.booleans(), label="zero-field struct"):
        valid = draw(st.lists(st.booleans(), min_size=df.height, max_size=df.height), label="z")
        if (z := zero_field_structs(valid)) is not None:
            df = df.with_columns(z)
    return (df,)


@st.composite
def same_dtype_frames(draw: st.DrawFn, dtypes: st.SearchStrategy[pl.DataType]) -> Frames:
    """1-4 columns `c0`.. that share one dtype, with 1 to `MAX_TRANSPOSE_ROWS` rows.

    One dtype makes transpose lossless; an empty frame has no rows to become columns, so no
    transpose can bring its dtypes back, and is not drawn.
    """
    dtype = draw(dtypes, label="dtype")
    width = draw(st.integers(1, 4), label="width")
    df = _one(draw, {f"c{i}": Col(st.just(dtype)) for i in range(width)}).head(MAX_TRANSPOSE_ROWS)
    if df.height == 0:
        reject()
    return (df,)


@st.composite
def partition_frames(draw: st.DrawFn) -> Frames:
    """Two key columns `k`, `k2` (small pools, nulls included) and a column `x` of any dtype."""
    spec = {"k": Col(D.keys, key=True), "k2": Col(D.keys, key=True), "x": Col()}
    return (_one(draw, spec),)


@st.composite
def unstack_frames(draw: st.DrawFn) -> Frames:
    """Two columns `x`, `y` of any dtype: unstack slices every selected column the same way."""
    return (_one(draw, {"x": Col(), "y": Col()}),)


def _parts(specs: list[Frame]) -> st.SearchStrategy[Frames]:
    return st.integers(2, len(specs)).flatmap(lambda n: frame_inputs(specs[:n]))


def vertical_parts() -> st.SearchStrategy[Frames]:
    """2-3 frames of one schema (`a` numeric, `x` any dtype), each with its own height."""
    spec: Frame = {"a": Col(D.numeric), "x": Col()}
    return _parts([spec, spec, spec])


@st.composite
def horizontal_parts(draw: st.DrawFn) -> Frames:
    """2-3 frames with disjoint column names, of independent heights or (drawn) one height."""
    specs: list[Frame] = [{"a0": Col(), "a1": Col(D.numeric)}, {"b0": Col()}, {"c0": Col()}]
    parts = draw(_parts(specs))
    if draw(st.booleans(), label="equal heights"):
        height = min(p.height for p in parts)
        parts = tuple(p.head(height) for p in parts)
    return parts


def diagonal_parts() -> st.SearchStrategy[Frames]:
    """2-3 frames whose columns overlap in part (a shared name has one dtype in every frame)."""
    return _parts(
        [
            {"a": Col(D.numeric), "x": Col()},
            {"y": Col(), "a": Col(D.numeric)},
            {"x": Col(), "z": Col(), "y": Col()},
        ]
    )
