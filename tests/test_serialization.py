"""Planted bugs for the serialization contracts: each property must catch a broken round trip.

A planted bug is a Polars method monkeypatched to misbehave in one known way (a deserializer that
drops a row or changes a dtype, a serializer that is not deterministic, a reader that loses nulls,
a sink that writes other bytes); the property has to report `roundtrip-mismatch` with a detail that
says which step broke. Unplanted runs on rich frames must pass. Every run uses the in-memory lane.
Every registered serialization property has a planted bug (`@plants`; the last test checks).
"""

from __future__ import annotations

import datetime as dt
import decimal
import importlib.util
import itertools
import math
from collections.abc import Callable, Iterator
from typing import Any

import hypothesis.strategies as st
import polars as pl
import pytest
from polars.exceptions import PanicException
from polars.expr.meta import ExprMetaNameSpace

from conformance.catalog import OPERATIONS, Operation
from conformance.engines.lanes import BASELINE_LANE
from conformance.judge.harness import Cell
from conformance.properties import PROPERTIES
from conformance.properties.property import Property, run_property
from reports.outcomes import Outcome
from strategies.predicates import Predicate
from tests.planted import PlantedBugs

c = pl.col
ENUM = pl.Enum(["a", "b", "ü"])

# Nulls at every level, NaN and signed zero, categoricals, an enum, time zones, decimals, nesting.
RICH = pl.DataFrame(
    {
        "i": [1, None, -3],
        "f": [math.nan, -0.0, None],
        "s": ["", None, "ü"],
        "cat": ["a", None, "b"],
        "enum": ["ü", "a", None],
        "tz": [dt.datetime(2024, 3, 10, 2, 30), None, dt.datetime(1970, 1, 1)],
        "dec": [decimal.Decimal("1.50"), None, decimal.Decimal("-0.01")],
        "list": [[1, None], None, []],
        "struct": [{"a": 1, "b": None}, None, {"a": None, "b": "x"}],
        "array": [[1.5, None], None, [math.inf, 0.0]],
    },
    schema_overrides={
        "cat": pl.Categorical,
        "enum": ENUM,
        "tz": pl.Datetime("us", "America/New_York"),
        "dec": pl.Decimal(10, 2),
        "list": pl.List(pl.Int16),
        "array": pl.Array(pl.Float64, 2),
    },
)
FLAT = RICH.select("i", "f", "s", "cat", "enum", "tz", "dec")  # what CSV holds
# Zoned datetimes after 1900 (an offset in whole minutes), as text formats write them.
ZONED = pl.DataFrame(
    {"t": [dt.datetime(2024, 11, 3, 1, 30), None, dt.datetime(1950, 6, 1, 12)]},
    schema={"t": pl.Datetime("ms", "Asia/Kathmandu")},
)


class Draws:
    """Stands in for Hypothesis' data object: each `ctx.draw` gets the next of the given values."""

    def __init__(self, *values: object) -> None:
        self._values = list(values)

    def draw(self, strategy: st.SearchStrategy[Any], label: str | None = None) -> object:
        return self._values.pop(0)


def prop(name: str) -> Property:
    (found,) = [p for p in PROPERTIES if p.name == name]
    return found


def op(name: str) -> Operation:
    (found,) = [o for o in OPERATIONS if o.name == name]
    return found


def run(name: str, frames: tuple[pl.DataFrame, ...] = (), *draws: object) -> Cell:
    return run_property(prop(name), BASELINE_LANE, frames, Draws(*draws), 60.0)  # type: ignore[arg-type]


def assert_mismatch(cell: Cell, *phrases: str) -> None:
    assert cell.outcome is Outcome.ROUNDTRIP_MISMATCH, (cell.outcome, cell.detail)
    for phrase in phrases:
        assert phrase in cell.detail, cell.detail


def patch_classmethod(
    monkeypatch: pytest.MonkeyPatch, cls: type, name: str, after: Any, **fixed: Any
) -> None:
    """Replace `cls.name` (a classmethod) by the original followed by `after` on its result."""
    original = getattr(cls, name)
    monkeypatch.setattr(
        cls, name, classmethod(lambda _, *a, **kw: after(original(*a, **{**kw, **fixed})))
    )


def counter() -> Iterator[int]:
    return itertools.count()


# Each serialization property -> the tests that plant a bug it must report as roundtrip-mismatch,
# filled in by `@plants` on those tests and compared with the registry at the end of this file.
PLANTED = PlantedBugs("serialization")
plants = PLANTED.plants


# --- DataFrame.serialize ----------------------------------------------------------------------


def test_dataframe_round_trip_passes() -> None:
    cell = run("serialize.dataframe", (RICH,))
    assert cell.outcome is Outcome.PASS, cell.detail


@plants("serialize.dataframe")
def test_dataframe_deserialize_dropping_a_row_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    patch_classmethod(monkeypatch, pl.DataFrame, "deserialize", lambda df: df.slice(1))
    assert_mismatch(
        run("serialize.dataframe", (RICH,)), "DataFrame.serialize(format='binary')", "height"
    )


@plants("serialize.dataframe")
def test_dataframe_deserialize_changing_a_dtype_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    patch_classmethod(
        monkeypatch, pl.DataFrame, "deserialize", lambda df: df.with_columns(c("i").cast(pl.Int32))
    )
    assert_mismatch(run("serialize.dataframe", (RICH,)), "dtype", '"i"')


@plants("serialize.dataframe")
def test_dataframe_deserialize_losing_a_time_zone_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    patch_classmethod(
        monkeypatch,
        pl.DataFrame,
        "deserialize",
        lambda df: df.with_columns(c("tz").dt.replace_time_zone(None)),
    )
    assert_mismatch(run("serialize.dataframe", (RICH,)), '"tz"')


# --- LazyFrame.serialize ----------------------------------------------------------------------

PAIR = pl.DataFrame({"a": [1, None, 3], "b": [2.5, -1.0, None]})
KEYED = pl.DataFrame({"k": [2, 1, None, 1], "v": [0.5, None, -1.0, 3.0], "x": ["b", "a", None, ""]})


@pytest.mark.parametrize("name", ["serialize.plan", "serialize.plan_other_formats"])
def test_plan_round_trip_passes(name: str) -> None:
    cell = run(name, (), op("select_arithmetic"), (PAIR,))
    assert cell.outcome is Outcome.PASS, cell.detail


@pytest.mark.parametrize("name", ["serialize.plan_bytes", "serialize.plan_bytes_after_collect"])
def test_plan_bytes_are_stable(name: str) -> None:
    for operation, frame in (("select_arithmetic", PAIR), ("sort_multi_key", KEYED)):
        cell = run(name, (), op(operation), (frame,))
        assert cell.outcome is Outcome.PASS, cell.detail


@plants("serialize.plan_bytes_after_collect")
def test_plan_changed_by_collecting_it_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    collected, collect, serialize = set(), pl.LazyFrame.collect, pl.LazyFrame.serialize

    def remember(self: pl.LazyFrame, *args: Any, **kwargs: Any) -> pl.DataFrame:
        collected.add(id(self))
        return collect(self, *args, **kwargs)

    def with_state(self: pl.LazyFrame, file: None = None, *, format: str = "binary") -> Any:
        data = serialize(self, format=format)  # type: ignore[arg-type]
        return data + data[-1:] if id(self) in collected else data

    monkeypatch.setattr(pl.LazyFrame, "collect", remember)
    monkeypatch.setattr(pl.LazyFrame, "serialize", with_state)
    cell = run("serialize.plan_bytes_after_collect", (), op("select_arithmetic"), (PAIR,))
    assert_mismatch(cell, "(binary) to other bytes after collecting it on the lane")


def nondeterministic_plans(monkeypatch: pytest.MonkeyPatch) -> None:
    original, calls = pl.LazyFrame.serialize, counter()
    monkeypatch.setattr(
        pl.LazyFrame,
        "serialize",
        lambda self, file=None, *, format="binary": (
            original(self, format=format)
            + (bytes([next(calls)]) if format == "binary" else str(next(calls)))
        ),
    )


@plants("serialize.plan_bytes")
def test_plan_serialized_differently_each_time_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    nondeterministic_plans(monkeypatch)
    cell = run("serialize.plan_bytes", (), op("select_arithmetic"), (PAIR,))
    assert_mismatch(cell, "select_arithmetic", "(binary) to other bytes after serializing it again")


@plants("serialize.plan_bytes_other_formats")
def test_other_formats_serialized_differently_each_time_are_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # (json also changes after collect_schema() on every release so far, a known issue:
    # known_issues/json_plan_changes_after_collect_schema.py; this plant breaks an earlier step)
    nondeterministic_plans(monkeypatch)
    cell = run("serialize.plan_bytes_other_formats", (), op("select_arithmetic"), (PAIR,))
    assert_mismatch(cell, "(json) to other bytes after serializing it again")


def mark_resolved_plans(monkeypatch: pytest.MonkeyPatch) -> set[int]:
    """Plans that `collect_schema()` has been called on (by id), as the call happens."""
    resolved: set[int] = set()
    collect_schema = pl.LazyFrame.collect_schema

    def remember(self: pl.LazyFrame) -> pl.Schema:
        resolved.add(id(self))
        return collect_schema(self)

    monkeypatch.setattr(pl.LazyFrame, "collect_schema", remember)
    return resolved


@plants("serialize.plan_bytes")
def test_plan_serialization_changed_by_collect_schema_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    resolved, serialize = mark_resolved_plans(monkeypatch), pl.LazyFrame.serialize

    def with_state(self: pl.LazyFrame, file: None = None, *, format: str = "binary") -> Any:
        data = serialize(self, format=format)  # type: ignore[arg-type]
        return data + data[-1:] if id(self) in resolved else data

    monkeypatch.setattr(pl.LazyFrame, "serialize", with_state)
    cell = run("serialize.plan_bytes", (), op("select_arithmetic"), (PAIR,))
    assert_mismatch(cell, "(binary) to other bytes after collect_schema()", "--- after ---")


@plants("serialize.plan")
def test_resolved_plan_serialized_wrongly_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # a fresh plan round-trips; one that collect_schema() resolved serializes a row short
    resolved, serialize = mark_resolved_plans(monkeypatch), pl.LazyFrame.serialize

    def losing_a_row(self: pl.LazyFrame, file: None = None, *, format: str = "binary") -> Any:
        return serialize(self.slice(1) if id(self) in resolved else self, format=format)  # type: ignore[arg-type]

    monkeypatch.setattr(pl.LazyFrame, "serialize", losing_a_row)
    cell = run("serialize.plan", (), op("select_arithmetic"), (PAIR,))
    assert_mismatch(cell, "the resolved plan deserialized from binary gives another result")


@plants("serialize.plan")
def test_plan_deserialized_with_a_row_less_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    patch_classmethod(monkeypatch, pl.LazyFrame, "deserialize", lambda lf: lf.slice(1))
    cell = run("serialize.plan", (), op("select_arithmetic"), (PAIR,))
    assert_mismatch(cell, "select_arithmetic: the plan deserialized from binary", "height")


@plants("serialize.plan")
def test_plan_deserialized_into_a_failing_plan_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    patch_classmethod(monkeypatch, pl.LazyFrame, "deserialize", lambda lf: lf.select("missing"))
    cell = run("serialize.plan", (), op("select_arithmetic"), (PAIR,))
    assert_mismatch(
        cell, "the original returned a frame; the round trip raised ColumnNotFoundError"
    )


def only_in_json(monkeypatch: pytest.MonkeyPatch, cls: type, after: Callable[[Any], Any]) -> None:
    """`cls.deserialize` applies `after` to what it reads from json, and reads binary honestly."""
    original = cls.deserialize

    def deserialize(_: type, source: Any, *, format: str = "binary") -> Any:
        back = original(source, format=format)
        return after(back) if format == "json" else back

    monkeypatch.setattr(cls, "deserialize", classmethod(deserialize))


@plants("serialize.plan_other_formats")
def test_json_plan_deserialized_with_a_row_less_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in a format besides the default is the `_other_formats` twin's to catch."""
    only_in_json(monkeypatch, pl.LazyFrame, lambda lf: lf.slice(1))
    assert run("serialize.plan", (), op("select_arithmetic"), (PAIR,)).outcome is Outcome.PASS
    cell = run("serialize.plan_other_formats", (), op("select_arithmetic"), (PAIR,))
    assert_mismatch(cell, "select_arithmetic: the plan deserialized from json", "height")


def panicking_on_call(monkeypatch: pytest.MonkeyPatch, call: int) -> None:
    """`LazyFrame.collect` panics on its `call`-th call (the original query runs first)."""
    collect, calls = pl.LazyFrame.collect, counter()

    def collect_or_panic(self: pl.LazyFrame, *args: Any, **kwargs: Any) -> pl.DataFrame:
        if next(calls) == call:
            raise PanicException("planted panic")
        return collect(self, *args, **kwargs)

    monkeypatch.setattr(pl.LazyFrame, "collect", collect_or_panic)


def test_round_trip_that_panics_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    panicking_on_call(monkeypatch, 1)
    cell = run("serialize.plan", (), op("select_arithmetic"), (PAIR,))
    assert cell.outcome is Outcome.PANIC, cell.detail
    assert "the original returned a frame; the round trip raised PanicException" in cell.detail


def test_original_query_that_panics_is_not_judged(monkeypatch: pytest.MonkeyPatch) -> None:
    # the operation's own bug, reported by its differential check: no round trip to compare with
    panicking_on_call(monkeypatch, 0)
    cell = run("serialize.plan", (), op("select_arithmetic"), (PAIR,))
    assert cell.outcome is Outcome.UNSUPPORTED, cell.detail
    assert "the original query panicked (planted panic)" in cell.detail


def test_plan_failing_alike_after_the_round_trip_passes() -> None:
    # a sum of strings fails on this input, before and after the round trip: the same error
    strings = pl.DataFrame({"a": ["x"], "b": ["y"]})
    cell = run("serialize.plan", (), op("select_arithmetic"), (strings,))
    assert cell.outcome is Outcome.PASS, cell.detail


# --- Expr.meta.serialize ------------------------------------------------------------------------

PREDICATE = Predicate(
    (c("i") > 0) | c("s").is_in(pl.Series(["ü"]).implode()), "c('i') > 0 | c('s').is_in(...)"
)


@pytest.mark.parametrize("name", ["serialize.expr", "serialize.expr_other_formats"])
def test_expression_round_trip_passes(name: str) -> None:
    cell = run(name, (RICH,), PREDICATE)
    assert cell.outcome is Outcome.PASS, cell.detail


@plants("serialize.expr")
def test_expression_that_cannot_be_read_back_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(cls: type, source: Any, *, format: str = "binary") -> pl.Expr:
        raise pl.exceptions.ComputeError("could not deserialize input into an expression")

    monkeypatch.setattr(pl.Expr, "deserialize", classmethod(refuse))
    cell = run("serialize.expr", (RICH,), PREDICATE)
    assert_mismatch(cell, "deserializing its own binary output raised ComputeError")


@plants("serialize.expr")
def test_expression_deserialized_into_another_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    patch_classmethod(monkeypatch, pl.Expr, "deserialize", lambda expr: ~expr)
    cell = run("serialize.expr", (RICH,), PREDICATE)
    assert_mismatch(cell, PREDICATE.source, "the deserialized expression serializes to other")


@plants("serialize.expr")
def test_expression_giving_other_values_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # The planted deserializer negates the predicate, and the negation claims the original's
    # bytes when serialized, so only the values can tell.
    disguised: dict[int, bytes | str] = {}
    deserialize, serialize = pl.Expr.deserialize, ExprMetaNameSpace.serialize

    def negating(cls: type, source: Any, *, format: str = "binary") -> pl.Expr:
        data = source.getvalue()
        back = ~deserialize(type(source)(data), format=format)  # type: ignore[arg-type]
        disguised[id(back._pyexpr)] = data
        return back

    def claiming(self: ExprMetaNameSpace, file: None = None, *, format: str = "binary") -> Any:
        return disguised.get(id(self._pyexpr)) or serialize(self, format=format)  # type: ignore[arg-type]

    monkeypatch.setattr(pl.Expr, "deserialize", classmethod(negating))
    monkeypatch.setattr(ExprMetaNameSpace, "serialize", claiming)
    cell = run("serialize.expr", (RICH,), PREDICATE)
    assert_mismatch(cell, PREDICATE.source, "the deserialized expression gives other values")


EXPR_PROPERTIES = ["serialize.expr", "serialize.expr_other_formats"]


@plants(*EXPR_PROPERTIES)
@pytest.mark.parametrize("name", EXPR_PROPERTIES)
def test_expression_serialized_differently_each_time_is_caught(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    original, calls = ExprMetaNameSpace.serialize, counter()
    monkeypatch.setattr(
        ExprMetaNameSpace,
        "serialize",
        lambda self, file=None, *, format="binary": (
            original(self, format=format)
            + (bytes([next(calls)]) if format == "binary" else str(next(calls)))
        ),
    )
    assert_mismatch(run(name, (RICH,), PREDICATE), "serializing the expression twice")


@plants("serialize.expr_other_formats")
def test_json_expression_deserialized_into_another_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    only_in_json(monkeypatch, pl.Expr, lambda expr: ~expr)
    assert run("serialize.expr", (RICH,), PREDICATE).outcome is Outcome.PASS
    cell = run("serialize.expr_other_formats", (RICH,), PREDICATE)
    assert_mismatch(cell, "(json): the deserialized expression serializes to other bytes")


# --- Python UDFs --------------------------------------------------------------------------------

NUMBERS = pl.DataFrame({"v": [1, None, 3]})
HAS_CLOUDPICKLE = importlib.util.find_spec("cloudpickle") is not None


@pytest.mark.parametrize("kind", ["Expr.map_elements", "Expr.map_batches"])
def test_expression_udf_is_not_serializable_without_cloudpickle(kind: str) -> None:
    cell = run("serialize.python_udf", (NUMBERS,), kind, "lambda")
    if HAS_CLOUDPICKLE:
        assert cell.outcome is Outcome.PASS, cell.detail
    else:
        assert cell.outcome is Outcome.NOT_SERIALIZABLE, cell.detail
        assert "cloudpickle" in cell.detail
        assert not cell.outcome.is_failure


def test_frame_udf_of_a_module_function_is_pickled_and_round_trips() -> None:
    cell = run("serialize.python_udf", (NUMBERS,), "LazyFrame.map_batches", "function")
    assert cell.outcome is Outcome.PASS, cell.detail


@plants("serialize.python_udf")
def test_udf_serialization_raising_another_error_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(self: pl.LazyFrame, file: None = None, *, format: str = "binary") -> bytes:
        raise TypeError("cannot pickle 'function' object")

    monkeypatch.setattr(pl.LazyFrame, "serialize", refuse)
    cell = run("serialize.python_udf", (NUMBERS,), "Expr.map_batches", "lambda")
    assert_mismatch(cell, "raised TypeError", "not the documented ComputeError")


@plants("serialize.python_udf")
def test_udf_plan_deserialized_wrongly_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    patch_classmethod(monkeypatch, pl.LazyFrame, "deserialize", lambda lf: lf.slice(1))
    cell = run("serialize.python_udf", (NUMBERS,), "LazyFrame.map_batches", "function")
    assert_mismatch(cell, "LazyFrame.map_batches(a function)", "deserialized from binary")


# --- file formats -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "frame"),
    [
        ("serialize.parquet", RICH),
        ("serialize.ipc", RICH),
        ("serialize.csv", FLAT),
        ("serialize.ndjson", RICH.drop("dec")),
        ("serialize.text_time_zones", ZONED),
    ],
)
def test_file_round_trip_passes(name: str, frame: pl.DataFrame) -> None:
    cell = run(name, (frame,))
    assert cell.outcome is Outcome.PASS, cell.detail


def test_columns_a_format_cannot_hold_are_left_out() -> None:
    # CSV has no nested values and no Binary; NDJSON no Decimal: those columns are not checked
    assert run("serialize.csv", (RICH,)).outcome is Outcome.PASS
    assert run("serialize.ndjson", (RICH,)).outcome is Outcome.PASS
    binary = pl.DataFrame({"b": [b"\x00", None]})
    cell = run("serialize.csv", (binary,))
    assert cell.outcome is Outcome.UNSUPPORTED
    assert "csv holds none" in cell.detail


def test_ndjson_nested_struct_sharing_a_field_name_round_trips() -> None:
    """Rebuilding nested structs (NaN to null) keeps each field's name: no DuplicateError."""
    schema = {"b": pl.Struct({"f0": pl.String, "f1": pl.Struct({"f0": pl.Float64})})}
    frame = pl.DataFrame({"b": [{"f0": "x", "f1": {"f0": math.nan}}, None]}, schema=schema)
    cell = run("serialize.ndjson", (frame,))
    assert cell.outcome is Outcome.PASS, cell.detail


def test_ndjson_writes_nan_and_infinity_as_null() -> None:
    floats = pl.DataFrame(
        {"f": [math.nan, math.inf, -0.0, None], "l": [[math.nan], [-math.inf, 1.0], None, []]}
    )
    assert run("serialize.ndjson", (floats,)).outcome is Outcome.PASS


# Each file-format property, its format and a frame with columns it holds.
FILE_FORMATS = [
    ("serialize.parquet", "parquet", RICH),
    ("serialize.ipc", "ipc", RICH),
    ("serialize.csv", "csv", FLAT),
    ("serialize.ndjson", "ndjson", RICH),
]
FILE_FORMAT_IDS = [fmt for _, fmt, _ in FILE_FORMATS]


@plants(*(name for name, _, _ in FILE_FORMATS))
@pytest.mark.parametrize(
    ("name", "reader", "frame"),
    [(name, f"read_{fmt}", frame) for name, fmt, frame in FILE_FORMATS],
    ids=FILE_FORMAT_IDS,
)
def test_reader_losing_nulls_is_caught(
    monkeypatch: pytest.MonkeyPatch, name: str, reader: str, frame: pl.DataFrame
) -> None:
    original = getattr(pl, reader)
    monkeypatch.setattr(
        pl, reader, lambda *a, **kw: original(*a, **kw).with_columns(c("i").fill_null(0))
    )
    fmt = reader.removeprefix("read_")
    assert_mismatch(run(name, (frame,)), f"write_{fmt} then read_{fmt}", "value mismatch")


@plants("serialize.text_time_zones")
@pytest.mark.parametrize("reader", ["read_csv", "read_ndjson"])
def test_reader_shifting_zoned_instants_is_caught(
    monkeypatch: pytest.MonkeyPatch, reader: str
) -> None:
    """A reader that reads a zoned timestamp one second off (an offset's seconds lost)."""
    original = getattr(pl, reader)
    monkeypatch.setattr(
        pl,
        reader,
        lambda *a, **kw: original(*a, **kw).with_columns(c("t").dt.offset_by("1s")),
    )
    fmt = reader.removeprefix("read_")
    assert_mismatch(
        run("serialize.text_time_zones", (ZONED,)), f"write_{fmt} then read_{fmt}", "mismatch"
    )


@plants("serialize.parquet")
def test_scan_dropping_a_row_on_the_lane_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    original = pl.scan_parquet
    monkeypatch.setattr(pl, "scan_parquet", lambda *a, **kw: original(*a, **kw).slice(1))
    assert_mismatch(run("serialize.parquet", (RICH,)), "write_parquet then scan_parquet")


def planted_sink(monkeypatch: pytest.MonkeyPatch, fmt: str, **changes: Any) -> None:
    """`sink_<fmt>` with `changes`, for the property's own sink only: `write_<fmt>` goes through
    the sink on some releases, and must stay honest."""
    original = getattr(pl.LazyFrame, f"sink_{fmt}")

    def sink(self: pl.LazyFrame, path: Any, **kw: Any) -> Any:
        if str(path).endswith(f"sunk.{fmt}"):
            self, kw = changes.get("frame", lambda lf: lf)(self), {**kw, **changes.get("kw", {})}
        return original(self, path, **kw)

    monkeypatch.setattr(pl.LazyFrame, f"sink_{fmt}", sink)


@plants(*(name for name, _, _ in FILE_FORMATS))
@pytest.mark.parametrize(("name", "fmt", "frame"), FILE_FORMATS, ids=FILE_FORMAT_IDS)
def test_sink_writing_other_content_is_caught(
    monkeypatch: pytest.MonkeyPatch, name: str, fmt: str, frame: pl.DataFrame
) -> None:
    planted_sink(monkeypatch, fmt, frame=lambda lf: lf.reverse())
    assert_mismatch(run(name, (frame,)), f"sink_{fmt} then scan_{fmt}")


@plants("serialize.csv", "serialize.ndjson")
@pytest.mark.parametrize(
    ("name", "frame", "changes"),
    [
        ("serialize.csv", FLAT, {"kw": {"line_terminator": "\r\n"}}),
        # JSON objects with their keys in another order: read with the schema, the same frame
        (
            "serialize.ndjson",
            RICH,
            {"frame": lambda lf: lf.select(lf.collect_schema().names()[::-1])},
        ),
    ],
    ids=["csv", "ndjson"],
)
def test_sink_writing_other_bytes_is_caught(
    monkeypatch: pytest.MonkeyPatch, name: str, frame: pl.DataFrame, changes: dict[str, Any]
) -> None:
    """The same values, other bytes (line ends, key order): text formats are compared byte for
    byte, since their bytes are their content."""
    fmt = name.removeprefix("serialize.")
    planted_sink(monkeypatch, fmt, **changes)
    assert_mismatch(run(name, (frame,)), f"differs from the write_{fmt} file byte for byte")


@plants(*(name for name, _, _ in FILE_FORMATS))
@pytest.mark.parametrize(("name", "fmt", "frame"), FILE_FORMATS, ids=FILE_FORMAT_IDS)
def test_reader_misreading_the_sinks_file_is_caught(
    monkeypatch: pytest.MonkeyPatch, name: str, fmt: str, frame: pl.DataFrame
) -> None:
    """`read_*` loses a row of the file `sink_*` wrote (its own row groups or batches, say), which
    `scan_*` reads right: only comparing the two files' contents can tell."""
    original = getattr(pl, f"read_{fmt}")

    def read(path: Any, *args: Any, **kwargs: Any) -> pl.DataFrame:
        df = original(path, *args, **kwargs)
        return df.slice(1) if str(path).endswith(f"sunk.{fmt}") else df

    monkeypatch.setattr(pl, f"read_{fmt}", read)
    assert_mismatch(
        run(name, (frame,)), f"the sink_{fmt} file reads back other than the write_{fmt} file"
    )


# Values under a null Array row are hidden: a round trip may drop them (parquet does).
_ARRAY_OF_STRUCTS = pl.Series(
    "a", [[{"x": 1}], [{"x": 2}], [{"x": 3}]], dtype=pl.Array(pl.Struct({"x": pl.Int64}), 1)
)
HIDDEN = pl.select(pl.when(pl.Series([True, False, True])).then(_ARRAY_OF_STRUCTS))


def test_values_hidden_under_null_array_rows_do_not_count() -> None:
    assert HIDDEN.to_series().to_list() == [[{"x": 1}], None, [{"x": 3}]]
    cell = run("serialize.parquet", (HIDDEN,))
    assert cell.outcome is Outcome.PASS, cell.detail


@plants("serialize.parquet")
def test_a_changed_array_value_is_still_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    original = pl.read_parquet
    monkeypatch.setattr(pl, "read_parquet", lambda *a, **kw: original(*a, **kw)[[2, 1, 0]])
    assert_mismatch(run("serialize.parquet", (HIDDEN,)), "write_parquet then read_parquet")


# --- every property can fail --------------------------------------------------------------------


def test_every_serialization_property_has_a_planted_bug() -> None:
    """A property that no planted bug breaks may be unable to fail at all."""
    unplanted, unknown = PLANTED.missing()
    assert not unplanted, f"no planted bug: {unplanted}"
    assert not unknown, f"not registered: {unknown}"
