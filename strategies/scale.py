"""The scale tier: frames of 10^5 to 10^6 rows, built vectorised from a few drawn parameters.

Bugs that need many distinct keys (a hash table growing, a partitioned group-by), one hot key with
a long tail, high-cardinality strings, long runs of nulls or many chunks never show on a dozen
rows. Drawing a million values through Hypothesis would cost seconds and shrink badly; instead
Hypothesis draws the parameters (seed, rows, distinct keys, hot-key share, null share and run
length, chunks) and `build_frame` computes every value with Polars expressions from a splitmix64
stream: a few milliseconds per column, the same frame on every release. Rows and distinct keys are
drawn as integers from their minimum, so shrinking lowers them as far as the failure allows.

A scale frame carries its builder (`_generated_by`: the builder's source and the call), which
records keep instead of its values; a reproducer rebuilds the frame with that code. Only flat
dtypes are built; an input with another dtype is drawn small as usual.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Mapping

import hypothesis.strategies as st
import polars as pl

from conformance.run.profiles import DEFAULT_PROFILE, ENV_VAR

MIN_ROWS, MAX_ROWS = 10**5, 10**6
MIN_DISTINCT, MAX_DISTINCT = 10**4, 10**6
# One example in N is drawn at scale, per profile (0: never): they cost seconds each, and the
# default profile's share keeps a run's total near what it was.
SCALE_SHARE = {"fast": 0, "ci": 50, "deep": 10, "nightly": 10}
# The attribute a generated frame carries (read by `reports.records.encode_frames`).
GENERATED_ATTR = "_generated_by"


def build_frame(
    seed: int,
    rows: int,
    columns: dict,
    distinct: int,
    hot_share: float = 0.0,
    null_share: float = 0.0,
    null_run: int = 1,
    chunks: int = 1,
    sort_by: tuple = (),
) -> pl.DataFrame:
    """A frame of `rows` rows: `columns` maps each name to (dtype, is_key, may_be_null).

    A key column takes `distinct` values (code 0, the hot key, on a `hot_share` of the rows); any
    other column takes values of high cardinality. In a column that may be null, runs of
    `null_run` rows are null with probability `null_share`. The frame is sorted by `sort_by`, then
    split into `chunks` chunks.
    """
    u64 = pl.UInt64

    def mix(z: pl.Expr) -> pl.Expr:  # splitmix64's finalizer: wrapping u64 arithmetic
        z = (z ^ (z // pl.lit(1 << 30, u64))) * pl.lit(0xBF58476D1CE4E5B9, u64)
        z = (z ^ (z // pl.lit(1 << 27, u64))) * pl.lit(0x94D049BB133111EB, u64)
        return z ^ (z // pl.lit(1 << 31, u64))

    def stream(i: int, over: pl.Expr) -> pl.Expr:  # 64 well-mixed bits per value of `over`
        return mix(over + pl.lit(((seed << 16) + i) * 0x9E3779B97F4A7C15 % (1 << 64), u64))

    def values(code: pl.Expr, dtype: pl.DataType) -> pl.Expr:
        if dtype.is_integer():  # 0, 1, 2... as far as the width holds (the small key pools')
            bits = int("".join(ch for ch in dtype.base_type().__name__ if ch.isdigit()))
            bits = min(bits - dtype.is_signed_integer(), 62)
            return (code % (1 << bits)).cast(dtype)
        if dtype.is_float():  # quarters, whose sums are exact in any order; and NaN, inf
            whole = 5 if dtype == pl.Float32 else 1 << 32  # float32 sums stay below 2**22
            special = pl.when(code % 1009 == 7).then(float("nan")).when(code % 1013 == 7)
            return special.then(float("inf")).otherwise((code % whole) / 4).cast(dtype)
        if dtype == pl.Boolean:
            return code % 2 == 1
        if dtype == pl.Date:  # years 1 to 5500
            return (code % 2_000_000 - 700_000).cast(pl.Int32).cast(pl.Date)
        if dtype == pl.Time:
            return (code * 1_000_000_007 % 86_400_000_000_000).cast(pl.Time)
        if isinstance(dtype, pl.Datetime | pl.Duration):  # within 31 years of 1970, any unit
            per_second = {"ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}[dtype.time_unit]
            seconds = code % 2_000_000_000 - 1_000_000_000
            return (seconds * per_second + code % per_second).cast(pl.Int64).cast(dtype)
        if isinstance(dtype, pl.Decimal):
            digits = (dtype.precision or 38) - dtype.scale
            return (code % (10 ** min(digits, 18))).cast(dtype)
        if isinstance(dtype, pl.Enum):
            categories = pl.Series(dtype.categories, dtype=dtype)
            return pl.lit(categories).gather(code % categories.len())
        text = pl.format("k{}", code).replace({"k0": "a", "k1": "b", "k2": "", "k3": "ü"})
        if dtype == pl.Binary:
            return text.cast(pl.Binary)
        return text.cast(dtype)  # String, Categorical

    row = pl.int_range(0, rows, dtype=u64)
    low, high = pl.lit(1 << 32, u64), pl.lit(1 << 32, u64)
    exprs = []
    for i, (name, (dtype, key, nullable)) in enumerate(columns.items()):
        bits = stream(2 * i, row)
        code = (bits % low).cast(pl.Int64)  # the low 32 bits: the value
        if key:  # the high 32 bits: whether the row takes the hot key
            hot = (bits // high).cast(pl.Int64) < int(hot_share * (1 << 32))
            code = pl.when(hot).then(0).otherwise(code % distinct)
        column = values(code, dtype)
        if null_share and nullable:
            run = stream(2 * i + 1, row // pl.lit(null_run, u64)) // high
            column = (
                pl.when(run.cast(pl.Int64) < int(null_share * (1 << 32)))
                .then(None)
                .otherwise(column)
            )
        exprs.append(column.alias(name))
    frame = pl.select(exprs) if exprs else pl.DataFrame()
    if sort_by:
        frame = frame.sort(list(sort_by), maintain_order=True)
    step = -(-rows // chunks)
    return pl.concat([frame.slice(i * step, step) for i in range(chunks)], rechunk=False)


def buildable(dtype: pl.DataType) -> bool:
    """Whether `build_frame` builds columns of `dtype` (flat dtypes; 128-bit integers aside)."""
    if dtype.is_integer():
        return dtype not in (getattr(pl, "Int128", None), getattr(pl, "UInt128", None))
    if isinstance(dtype, pl.Datetime | pl.Duration | pl.Decimal | pl.Enum):
        return True
    flat = (pl.Float32, pl.Float64, pl.Boolean, pl.Date, pl.Time, pl.String, pl.Binary)
    return any(dtype == d for d in flat) or dtype == pl.Categorical


def dtype_code(dtype: pl.DataType) -> str:
    """A buildable dtype as Python source."""
    if isinstance(dtype, pl.Datetime):
        return f"pl.Datetime({dtype.time_unit!r}, {dtype.time_zone!r})"
    if isinstance(dtype, pl.Duration):
        return f"pl.Duration({dtype.time_unit!r})"
    if isinstance(dtype, pl.Decimal):
        return f"pl.Decimal({dtype.precision}, {dtype.scale})"
    if isinstance(dtype, pl.Enum):
        return f"pl.Enum({list(dtype.categories)!r})"
    if dtype == pl.Categorical:
        return "pl.Categorical"
    return f"pl.{dtype.base_type().__name__}"


def scale_share() -> int:
    """One example in N of the active profile is drawn at scale (0: none)."""
    return SCALE_SHARE.get(os.environ.get(ENV_VAR, DEFAULT_PROFILE), 0)


@st.composite
def scale_params(draw: st.DrawFn, columns: Mapping[str, tuple[pl.DataType, bool, bool]]) -> dict:
    """`build_frame`'s arguments, each drawn so that it shrinks toward the smallest frame."""
    rows = draw(st.integers(MIN_ROWS, MAX_ROWS), label="scale rows")
    return {
        "seed": draw(st.integers(0, 2**16 - 1), label="scale seed"),
        "rows": rows,
        "columns": dict(columns),
        "distinct": min(draw(st.integers(MIN_DISTINCT, MAX_DISTINCT), label="distinct keys"), rows),
        "hot_share": draw(st.sampled_from([0.0, 0.01, 0.2, 0.5]), label="hot-key share"),
        "null_share": draw(st.sampled_from([0.0, 0.05, 0.5]), label="null share"),
        "null_run": draw(st.sampled_from([1, 1000, 50_000]), label="null run"),
        "chunks": draw(st.integers(1, 64), label="chunks"),
    }


def generated_frame(params: Mapping[str, object], sort_by: tuple[str, ...]) -> pl.DataFrame:
    """The frame `params` describe, sorted by `sort_by`, carrying the code that rebuilds it."""
    frame = build_frame(**params, sort_by=sort_by)  # type: ignore[arg-type]
    columns = ", ".join(
        f"{name!r}: ({dtype_code(dtype)}, {key}, {nullable})"
        for name, (dtype, key, nullable) in params["columns"].items()  # type: ignore[attr-defined]
    )
    scalars = ", ".join(f"{k}={v!r}" for k, v in params.items() if k != "columns")
    call = f"build_frame({scalars}, columns={{{columns}}}, sort_by={sort_by!r})"
    setattr(frame, GENERATED_ATTR, {"code": inspect.getsource(build_frame), "call": call})
    return frame
