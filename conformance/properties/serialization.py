"""Serialization contracts: what Polars writes, it reads back unchanged.

- `serialize.dataframe`: `DataFrame.serialize`/`deserialize` in every format the installed Polars
  offers (read from the signatures) give back the frame exactly, and it collects like the original.
- `serialize.plan`: a catalog query's plan, deserialized, gives the original's result on the lane.
- `serialize.plan_bytes`: a plan serializes to the same bytes twice, and after `collect_schema()`
  and `explain()`; `serialize.plan_bytes_after_collect`: and after it ran on the lane.
- `serialize.expr`: a predicate drawn from the frame (`strategies.predicates`) survives
  `Expr.meta.serialize`/`Expr.deserialize`: the same bytes, and the same values in a query.
- `serialize.python_udf`: a plan or expression with a Python UDF refuses to serialize with the
  documented `ComputeError` (`not-serializable`, not a failure), or round-trips.
- `serialize.parquet|ipc|csv|ndjson`: `write_*`/`read_*` and `sink_*`/`scan_*` on the lane give back
  the columns each format holds, and the sink's file holds what the writer's does;
  `serialize.text_time_zones`: the same for zoned datetimes in CSV and NDJSON.

Plan and expression checks have an `_other_formats` twin for the formats besides the default (the
deprecated JSON format has known issues of its own). Beside these, every checked query's own plan
round-trips on the baseline's lane (`conformance.judge.serde`, variants `serde-<format>`); the
plan properties here run the deserialized plan on every lane.

Security: deserializing a plan or expression that holds a Python UDF runs pickle. Every `deserialize`
here reads bytes that the same check serialized a moment before, in the same process; nothing read
from disk or from a results file is ever deserialized. The files this module reads back (parquet,
IPC, CSV, NDJSON) are data formats, written by the check itself into a private temporary directory.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any, TypeVar

import hypothesis.strategies as st
import polars as pl
from polars.exceptions import ComputeError, PanicException
from polars.expr.meta import ExprMetaNameSpace

from conformance.catalog import OPERATIONS, Operation
from conformance.catalog.operation import has_param
from conformance.engines.execute import Execution
from conformance.engines.isolated import NotTransportable, QueryCrash, QueryTimeout
from conformance.engines.lanes import GpuFallback
from conformance.judge.compare import ORDERED, Rules, difference, dtype_contains, frame_difference
from conformance.judge.harness import error_info
from conformance.judge.serde import PLAN_FORMATS, offered_formats
from conformance.properties.property import Context, NotApplicable, Property, Violation, frames
from conformance.version import POLARS_VERSION_STRING
from reports.outcomes import Outcome
from strategies import dtypes as D
from strategies.frames import Col, frame_inputs
from strategies.predicates import predicates

T = TypeVar("T")
c = pl.col

# --- serialize / deserialize ----------------------------------------------------------------------


# Read once, from Polars' own functions (a check must not take a patched one's signature).
DATAFRAME_FORMATS = offered_formats(pl.DataFrame.serialize, pl.DataFrame.deserialize)
EXPR_FORMATS = offered_formats(ExprMetaNameSpace.serialize, pl.Expr.deserialize)


def _default_format(serialize: Callable[..., object]) -> object:
    return inspect.signature(serialize).parameters["format"].default


def _has_formats(formats: Sequence[str], what: str) -> Callable[[], str | None]:
    """A check over no format would pass vacuously: skip it, saying why, instead."""

    def check() -> str | None:
        if formats:
            return None
        return f"Polars {POLARS_VERSION_STRING}: no {what} to check (read from the signatures)"

    return check


def _serialize(serialize: Callable[..., T], fmt: str) -> T:
    """`serialize(format=fmt)`, without the deprecation warning some releases give for json."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return serialize(format=fmt)


def _source(data: bytes | str) -> io.IOBase:
    """Serialized data as the stream `deserialize` reads (a plain str would be taken for a path)."""
    return io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)


def _deserialize(deserialize: Callable[..., T], data: bytes | str, fmt: str, what: str) -> T:
    """`deserialize` of what `serialize` wrote; failing to read its own output breaks the round
    trip. Only ever called on `data` this same check serialized, in this process."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return deserialize(_source(data), format=fmt)
    except (Exception, PanicException) as exc:
        err = error_info(exc)
        raise Violation(
            f"{what}: deserializing its own {fmt} output raised {err}\n{_shown(data)}",
            Outcome.PANIC if err.is_panic else None,
        ) from None


def _shown(data: bytes | str) -> str:
    return (data if isinstance(data, str) else repr(data))[:1500]


def _expect_exact(expected: pl.DataFrame, got: pl.DataFrame, what: str) -> None:
    """A round trip must not change a single value or dtype: no tolerance, unlike engine checks."""
    diff = frame_difference(expected, got, check_exact=True)
    if diff is not None:
        raise Violation(
            f"{what}\n{diff}{_first_difference(expected, got)}"
            f"\n--- expected ---\n{expected}\n--- got ---\n{got}"
        )


def _first_difference(expected: pl.DataFrame, got: pl.DataFrame) -> str:
    """The first row that differs, shown whole: a long frame's display may elide it."""
    if expected.schema != got.schema or expected.height != got.height:
        return ""
    for name in expected.columns:
        with contextlib.suppress(Exception):  # only a hint: some dtypes have no ne_missing
            differs = expected[name].ne_missing(got[name]).arg_true()
            if len(differs):
                row = int(differs[0])
                return (
                    f"\n--- first differing row ({row}, column {name!r}) ---"
                    f"\n{expected.slice(row, 1)}\n{got.slice(row, 1)}"
                )
    return ""


# Ways a lane declines or loses a query (or the budget cuts it short: `NotApplicable`); they keep
# their own outcomes instead of being compared.
_LANE_ENDINGS = (QueryTimeout, QueryCrash, GpuFallback, NotTransportable, NotApplicable)


def _run(ctx: Context, lf: pl.LazyFrame) -> Execution:
    """`lf` on the lane; an error is a result too (a round-tripped plan must raise alike)."""
    start = time.perf_counter()
    try:
        frame = ctx.collect(lf)
    except _LANE_ENDINGS:
        raise
    except (Exception, PanicException) as exc:
        return Execution(None, exc, time.perf_counter() - start)
    return Execution(frame, None, time.perf_counter() - start)


def _expect_same_result(
    ctx: Context, original: Execution, got: Execution, rules: Rules, what: str
) -> None:
    """The round trip gives the original's result under `rules`, or raises the same error class.

    Only the round trip is judged here: a panic of the original query, or a lying sorted flag in
    both results, is the operation's own bug, which its differential check reports.
    """
    before = error_info(original.exception) if original.exception is not None else None
    after = error_info(got.exception) if got.exception is not None else None
    if before is not None and before.is_panic:
        ctx.not_applicable(f"{what}: the original query panicked ({before.message})")
    if before is not None or after is not None:
        if before is not None and after is not None and before.type_name == after.type_name:
            return
        shown = [f"raised {err}" if err else "returned a frame" for err in (before, after)]
        raise Violation(
            f"{what}: the original {shown[0]}; the round trip {shown[1]}",
            Outcome.PANIC if after is not None and after.is_panic else None,
        )
    assert original.frame is not None
    assert got.frame is not None
    if (diff := difference(original.frame, got.frame, rules)) is not None:
        raise Violation(
            f"{what}\n{diff}\n--- original ---\n{original.frame}\n--- round trip ---\n{got.frame}"
        )


# --- DataFrame ------------------------------------------------------------------------------------


def _dataframe_roundtrip(ctx: Context) -> None:
    """`DataFrame.deserialize(df.serialize())` is `df`, and collects on the lane like `df`."""
    (df,) = ctx.frames
    on_lane = ctx.collect(df.lazy())
    for fmt in DATAFRAME_FORMATS:
        what = f"DataFrame.serialize(format={fmt!r}) then deserialize"
        back = _deserialize(pl.DataFrame.deserialize, _serialize(df.serialize, fmt), fmt, what)
        _expect_exact(df, back, what)
        _expect_exact(
            on_lane,
            ctx.collect(back.lazy()),
            f"the frame deserialized from {fmt} collects to another result than the original",
        )


# --- LazyFrame plans --------------------------------------------------------------------------------


@cache
def _available_operations() -> tuple[Operation, ...]:
    return tuple(op for op in OPERATIONS if op.unavailable_reason() is None)


def _catalog_query(
    ctx: Context,
) -> tuple[Operation, Callable[[], pl.LazyFrame], Callable[[], pl.LazyFrame]]:
    """A catalog operation and its generated inputs: the plan, built afresh on each call (because
    `collect_schema()` caches state on a LazyFrame), and the same query over the inputs in one
    chunk each, as a deserialized plan holds them (serialization concatenates chunks). The round
    trip is compared with the latter, so that an operation's bug that depends on chunk layout is
    left to its differential check instead of being taken for a serialization bug."""
    op = ctx.draw(st.sampled_from(_available_operations()), "operation")
    inputs = ctx.draw(frame_inputs(op.inputs), "input frames")
    return (
        op,
        lambda: op.query(*(f.lazy() for f in inputs)),
        lambda: op.query(*(f.rechunk().lazy() for f in inputs)),
    )


def _quietly(call: Callable[[], object]) -> None:
    """`call()`, ignoring an error: a query may legitimately fail on its input, and its plan
    must serialize all the same."""
    with contextlib.suppress(Exception):
        call()


def _resolved(lf: pl.LazyFrame) -> pl.LazyFrame:
    _quietly(lf.collect_schema)
    return lf


def _plan_roundtrip(formats: Sequence[str]) -> Callable[[Context], None]:
    """A catalog query's plan, deserialized, gives the original's result on the lane, whether it
    was serialized fresh or after `collect_schema()` resolved it."""

    def check(ctx: Context) -> None:
        op, build, one_chunk = _catalog_query(ctx)
        original = _run(ctx, one_chunk())
        for fmt in formats:
            fresh = _serialize(build().serialize, fmt)
            resolved = _serialize(_resolved(build()).serialize, fmt)
            for state, data in (("", fresh), ("resolved ", resolved)):
                if state and data == fresh:
                    continue
                what = f"{op.name}: the {state}plan deserialized from {fmt}"
                back = _deserialize(pl.LazyFrame.deserialize, data, fmt, what)
                _expect_same_result(
                    ctx, original, _run(ctx, back), op.rules, f"{what} gives another result"
                )

    return check


PlanStep = tuple[str, Callable[[Context, pl.LazyFrame], object]]
# What may be done to a plan between two serializations, none of which may change its bytes.
_INSPECTIONS: tuple[PlanStep, ...] = (
    ("serializing it again", lambda ctx, lf: None),
    ("collect_schema()", lambda ctx, lf: _quietly(lf.collect_schema)),
    ("explain()", lambda ctx, lf: _quietly(lf.explain)),
)
_COLLECTION: tuple[PlanStep, ...] = (("collecting it on the lane", _run),)


def _plan_bytes(
    steps: tuple[PlanStep, ...],
) -> Callable[[Sequence[str]], Callable[[Context], None]]:
    """A plan serializes to the same bytes every time: before and after each of `steps`."""

    def in_formats(formats: Sequence[str]) -> Callable[[Context], None]:
        def check(ctx: Context) -> None:
            op, build, _ = _catalog_query(ctx)
            for fmt in formats:
                lf = build()
                first = _serialize(lf.serialize, fmt)
                for step, act in steps:
                    act(ctx, lf)
                    if (now := _serialize(lf.serialize, fmt)) != first:
                        raise Violation(
                            f"{op.name}: the plan serializes ({fmt}) to other bytes after {step}"
                            f"\n--- before ---\n{_shown(first)}\n--- after ---\n{_shown(now)}"
                        )

        return check

    return in_formats


# --- expressions ----------------------------------------------------------------------------------


def _expr_roundtrip(formats: Sequence[str]) -> Callable[[Context], None]:
    """A predicate drawn from the frame survives `Expr.meta.serialize`/`Expr.deserialize`: same
    bytes each time, the same bytes again from the deserialized expression, the same values."""

    def check(ctx: Context) -> None:
        (df,) = ctx.frames
        predicate = ctx.draw(predicates(df), "predicate")
        expr = predicate.expr
        original = _run(ctx, df.lazy().select(expr.alias("p")))
        for fmt in formats:
            where = f"{predicate.source} ({fmt})"
            data = _serialize(expr.meta.serialize, fmt)
            if _serialize(expr.meta.serialize, fmt) != data:
                raise Violation(f"{where}: serializing the expression twice gave different bytes")
            back = _deserialize(pl.Expr.deserialize, data, fmt, where)
            if _serialize(back.meta.serialize, fmt) != data:
                raise Violation(f"{where}: the deserialized expression serializes to other bytes")
            _expect_same_result(
                ctx,
                original,
                _run(ctx, df.lazy().select(back.alias("p"))),
                ORDERED,
                f"{where}: the deserialized expression gives other values",
            )

    return check


# --- Python UDFs ----------------------------------------------------------------------------------


def _identity(value: T) -> T:
    return value


# A module-level function pickles by reference; a lambda needs cloudpickle.
_FUNCTIONS: dict[str, Callable[[Any], Any]] = {"function": _identity, "lambda": lambda v: v}
_UDFS = ("Expr.map_elements", "Expr.map_batches", "LazyFrame.map_batches")


def _udf_query(
    kind: str, function: Callable[[Any], Any], lf: pl.LazyFrame
) -> tuple[pl.LazyFrame, pl.Expr | None]:
    """A plan holding a Python UDF, and the UDF's expression where it is one."""
    dtype = lf.collect_schema()["v"]
    if kind == "LazyFrame.map_batches":
        return lf.map_batches(function), None
    with warnings.catch_warnings():  # map_elements warns that a native expression would be faster
        warnings.simplefilter("ignore")
        if kind == "Expr.map_elements":
            expr = c("v").map_elements(function, return_dtype=dtype)
        else:
            expr = c("v").map_batches(function, return_dtype=dtype)
    return lf.select(expr), expr


def _round_trip_or_refuse(
    ctx: Context,
    label: str,
    obj: T,
    formats: tuple[str, ...],
    serialize: Callable[..., bytes | str],
    deserialize: Callable[..., T],
    as_query: Callable[[T], pl.LazyFrame],
) -> list[str]:
    """Serialize `obj` in each format: a `ComputeError` is the documented refusal (returned); a
    success must deserialize to an object whose query (`as_query`) gives the original's result."""
    refusals: list[str] = []
    original: Execution | None = None
    for fmt in formats:
        try:
            data = _serialize(serialize, fmt)
        except ComputeError as exc:
            refusals.append(f"{label} ({fmt}): {str(exc).strip().splitlines()[-1]}")
            continue
        except Exception as exc:
            raise Violation(
                f"serializing {label} ({fmt}) raised {type(exc).__name__}: {exc}, "
                "not the documented ComputeError"
            ) from None
        if original is None:
            original = _run(ctx, as_query(obj))
        back = _deserialize(deserialize, data, fmt, label)  # our own bytes, from this process
        _expect_same_result(
            ctx,
            original,
            _run(ctx, as_query(back)),
            ORDERED,
            f"{label} deserialized from {fmt} gives another result",
        )
    return refusals


def _python_udf(ctx: Context) -> None:
    """Serializing a plan or an expression with a Python UDF either refuses with Polars'
    `ComputeError` (the UDF needs cloudpickle, an optional dependency) or round-trips (the UDF was
    pickled); anything else breaks the contract."""
    (df,) = ctx.frames
    kind = ctx.draw(st.sampled_from(_UDFS), "UDF")
    name = ctx.draw(st.sampled_from(sorted(_FUNCTIONS)), "UDF function")
    plan, expr = _udf_query(kind, _FUNCTIONS[name], df.lazy())
    udf = f"{kind}(a {name})"
    refusals = _round_trip_or_refuse(
        ctx,
        f"a plan with {udf}",
        plan,
        PLAN_FORMATS,
        plan.serialize,
        pl.LazyFrame.deserialize,
        _identity,
    )
    if expr is not None:
        refusals += _round_trip_or_refuse(
            ctx,
            f"the {udf} expression",
            expr,
            EXPR_FORMATS,
            expr.meta.serialize,
            pl.Expr.deserialize,
            df.lazy().select,
        )
    if refusals:
        ctx.not_applicable("; ".join(refusals), Outcome.NOT_SERIALIZABLE)


# --- file formats ---------------------------------------------------------------------------------


def _zoned(dtype: pl.DataType) -> bool:
    return isinstance(dtype, pl.Datetime) and dtype.time_zone is not None


def _csv_holds(dtype: pl.DataType) -> bool:
    """CSV writes flat scalars; it refuses nested dtypes, Binary and Duration (ComputeError)."""
    return not dtype.is_nested() and dtype != pl.Binary and not isinstance(dtype, pl.Duration)


def _ndjson_holds(dtype: pl.DataType) -> bool:
    """NDJSON holds what its reader parses back. Left out, at any depth: Binary (the writer panics,
    not implemented: pola-rs/polars#15410), Decimal, Time and Duration (written as strings that
    the reader refuses for those dtypes, or panics on at the top level)."""
    return not dtype_contains(
        dtype,
        lambda d: d == pl.Binary or isinstance(d, pl.Decimal | pl.Duration) or d == pl.Time,
    )


def _finite_or_null(expr: pl.Expr, dtype: pl.DataType) -> pl.Expr:
    """`expr` with NaN and infinities as null, at any depth: JSON has no number for them, and
    the NDJSON writer writes null."""
    if dtype.is_float():
        return pl.when(expr.is_finite()).then(expr)
    if isinstance(dtype, pl.List):
        return expr.list.eval(_finite_or_null(pl.element(), dtype.inner))
    if isinstance(dtype, pl.Array):
        inner = _finite_or_null(pl.element(), dtype.inner)
        if hasattr(expr.arr, "eval"):  # a cast would panic on some arrays with null rows
            return expr.arr.eval(inner)  # (known_issues/array_list_hidden_child_cast_panic.py)
        return expr.cast(pl.List(dtype.inner)).list.eval(inner).cast(dtype)
    if isinstance(dtype, pl.Struct):
        # each field keeps its name: a rebuilt nested struct would otherwise be named for its
        # own first field, and clash with a sibling of that name
        fields = [
            _finite_or_null(expr.struct.field(f.name), f.dtype).alias(f.name) for f in dtype.fields
        ]
        return pl.when(expr.is_not_null()).then(pl.struct(fields))
    return expr


def _as_json_numbers(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(
        _finite_or_null(c(name), dtype).alias(name)
        for name, dtype in df.schema.items()
        if dtype_contains(dtype, lambda d: d.is_float())
    )


def _unchanged(df: pl.DataFrame) -> pl.DataFrame:
    return df


@dataclass(frozen=True)
class FileFormat:
    """One file format: `write_<name>`/`read_<name>` and `sink_<name>`/`scan_<name>`."""

    name: str
    holds: Callable[[pl.DataType], bool]  # dtypes that survive the format
    # text formats carry no schema: their values are re-parsed with the original one
    reads_with_schema: bool = False
    # text formats: the bytes are the content; binary formats may lay one content out differently
    same_bytes: bool = False
    # what the format keeps of each value (JSON has no NaN)
    represent: Callable[[pl.DataFrame], pl.DataFrame] = _unchanged

    def _schema(self, schema: Mapping[str, pl.DataType]) -> dict[str, Any]:
        return {"schema": schema} if self.reads_with_schema else {}

    def read(self, path: Path, schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
        return getattr(pl, f"read_{self.name}")(path, **self._schema(schema))

    def scan(self, path: Path, schema: Mapping[str, pl.DataType]) -> pl.LazyFrame:
        return getattr(pl, f"scan_{self.name}")(path, **self._schema(schema))


PARQUET = FileFormat("parquet", lambda dtype: True)
IPC = FileFormat("ipc", lambda dtype: True)
CSV = FileFormat("csv", _csv_holds, reads_with_schema=True, same_bytes=True)
NDJSON = FileFormat(
    "ndjson", _ndjson_holds, reads_with_schema=True, same_bytes=True, represent=_as_json_numbers
)


def _file_roundtrip(ctx: Context, fmt: FileFormat, df: pl.DataFrame) -> None:
    """`df` written (`write_*`) and sunk on the lane (`sink_*`) reads back (`read_*`, and
    `scan_*` on the lane) as `df`, and both files hold the same content."""
    expected, schema, x = fmt.represent(df), df.schema, fmt.name
    with TemporaryDirectory(prefix="conformance-") as tmp:
        written, sunk = Path(tmp, f"written.{x}"), Path(tmp, f"sunk.{x}")
        getattr(df, f"write_{x}")(written)
        _expect_exact(expected, fmt.read(written, schema), f"write_{x} then read_{x}")
        _expect_exact(
            expected, ctx.collect(fmt.scan(written, schema)), f"write_{x} then scan_{x} on the lane"
        )
        ctx.collect(getattr(df.lazy(), f"sink_{x}")(sunk, lazy=True))
        _expect_exact(
            expected, ctx.collect(fmt.scan(sunk, schema)), f"sink_{x} then scan_{x} on the lane"
        )
        _expect_exact(
            fmt.read(written, schema),
            fmt.read(sunk, schema),
            f"the sink_{x} file reads back other than the write_{x} file",
        )
        if fmt.same_bytes and (w := written.read_bytes()) != (s := sunk.read_bytes()):
            raise Violation(
                f"the sink_{x} file differs from the write_{x} file byte for byte\n"
                f"--- write_{x} ---\n{w[:2000]!r}\n--- sink_{x} ---\n{s[:2000]!r}"
            )


def _file_check(
    formats: tuple[FileFormat, ...], covers: Callable[[pl.DataType], bool] = lambda dtype: True
) -> Callable[[Context], None]:
    """Round-trip the input's columns that each format holds and this property `covers`."""

    def check(ctx: Context) -> None:
        (df,) = ctx.frames
        held = {
            fmt: [n for n, d in df.schema.items() if fmt.holds(d) and covers(d)] for fmt in formats
        }
        if not any(held.values()):
            names = "/".join(fmt.name for fmt in formats)
            ctx.not_applicable(f"{names} holds none of this property's dtypes: {dict(df.schema)}")
        for fmt, kept in held.items():
            if kept:
                _file_roundtrip(ctx, fmt, df.select(kept))

    return check


def _sinks_lazily(fmt: FileFormat) -> Callable[[], str | None]:
    """`sink_*(lazy=True)` returns the sink as a plan, so it can run on the lane's own engine."""
    return has_param(getattr(pl.LazyFrame, f"sink_{fmt.name}"), "lazy")


def _not_zoned(dtype: pl.DataType) -> bool:
    return not dtype_contains(dtype, _zoned)


def _by_format(
    name: str,
    inputs: st.SearchStrategy[tuple[pl.DataFrame, ...]],
    check: Callable[[Sequence[str]], Callable[[Context], None]],
    formats: Sequence[str],
    serialize: Callable[..., object],
) -> tuple[Property, Property]:
    """`name` checks the default serialization format, `<name>_other_formats` the others, so that
    a known issue in one (the deprecated JSON format has some) does not hide a failure of the
    other: the known-issue registry matches whole properties."""
    default = _default_format(serialize)
    ours = [f for f in formats if f == default]
    others = [f for f in formats if f != default]
    return (
        Property(
            name, "serialization", inputs, check(ours), (_has_formats(ours, "default format"),)
        ),
        Property(
            f"{name}_other_formats",
            "serialization",
            inputs,
            check(others),
            (_has_formats(others, "serialization format besides the default"),),
        ),
    )


def _three(dtypes: st.SearchStrategy[pl.DataType]) -> st.SearchStrategy[tuple[pl.DataFrame, ...]]:
    return frames({"a": Col(dtypes), "b": Col(dtypes), "c": Col(dtypes)})


def _held_by(fmt: FileFormat) -> Callable[[pl.DataType], bool]:
    return lambda dtype: fmt.holds(dtype) and _not_zoned(dtype)


_ANY3 = _three(D.any_dtype)
_CATALOG = st.just(())  # the operation and its inputs are drawn in the check

PROPERTIES = (
    Property(
        "serialize.dataframe",
        "serialization",
        _ANY3,
        _dataframe_roundtrip,
        (_has_formats(DATAFRAME_FORMATS, "DataFrame serialization format"),),
    ),
    *_by_format("serialize.plan", _CATALOG, _plan_roundtrip, PLAN_FORMATS, pl.LazyFrame.serialize),
    *_by_format(
        "serialize.plan_bytes",
        _CATALOG,
        _plan_bytes(_INSPECTIONS),
        PLAN_FORMATS,
        pl.LazyFrame.serialize,
    ),
    # Running a query may cache statistics on its input frames, which plans carry: a known issue
    # of its own, so it is checked apart from the inspections above.
    Property(
        "serialize.plan_bytes_after_collect",
        "serialization",
        _CATALOG,
        _plan_bytes(_COLLECTION)(PLAN_FORMATS),
        (_has_formats(PLAN_FORMATS, "LazyFrame serialization format"),),
    ),
    *_by_format(
        "serialize.expr", _ANY3, _expr_roundtrip, EXPR_FORMATS, ExprMetaNameSpace.serialize
    ),
    Property(
        "serialize.python_udf",
        "serialization",
        frames({"v": Col(D.numeric)}),
        _python_udf,
        (
            _has_formats(PLAN_FORMATS, "LazyFrame serialization format"),
            _has_formats(EXPR_FORMATS, "Expr serialization format"),
        ),
    ),
    Property(
        "serialize.parquet",
        "serialization",
        _ANY3,
        _file_check((PARQUET,)),
        (_sinks_lazily(PARQUET),),
    ),
    Property("serialize.ipc", "serialization", _ANY3, _file_check((IPC,)), (_sinks_lazily(IPC),)),
    # Zoned datetimes in text formats have their own property (below), so that a known issue
    # there does not hide anything else these two find.
    Property(
        "serialize.csv",
        "serialization",
        _three(D.scalars.filter(_held_by(CSV))),
        _file_check((CSV,), _not_zoned),
        (_sinks_lazily(CSV),),
    ),
    Property(
        "serialize.ndjson",
        "serialization",
        _three(D.any_dtype.filter(_held_by(NDJSON))),
        _file_check((NDJSON,), _not_zoned),
        (_sinks_lazily(NDJSON),),
    ),
    Property(
        "serialize.text_time_zones",
        "serialization",
        frames({"t": Col(D.zoned_datetimes), "u": Col(D.zoned_datetimes)}),
        _file_check((CSV, NDJSON), _zoned),
        (_sinks_lazily(CSV), _sinks_lazily(NDJSON)),
    ),
)
