"""Planted bugs: lanes that corrupt a correct result on purpose, so the harness must report them.

Each planted lane runs the query on the in-memory engine (the same engine as the baseline) and then
breaks the result in one known way. The harness has to turn every such break into the right
outcome, on the right lane and variant, and must not raise an alarm for a legitimate difference
(row order of an order-free operation).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence

import polars as pl
import pytest
from polars.exceptions import ColumnNotFoundError, ComputeError, PanicException

from conformance.catalog import OPERATIONS, Operation
from conformance.engines.lanes import Lane
from conformance.engines.passes import BASELINE, NONE, Variant, discover_passes, select_variants
from conformance.judge.compare import ORDERED, UNORDERED, Rules, Tolerance
from conformance.judge.harness import Cell, ErrorInfo, check
from conformance.judge.reference import Part, Twins
from reports.outcomes import Outcome

PLANTED = "planted"

Corrupt = Callable[[pl.DataFrame, Variant], pl.DataFrame]


def op(name: str) -> Operation:
    matches = [o for o in OPERATIONS if o.name == name]
    assert len(matches) == 1, f"catalog has no single operation named {name!r}"
    return matches[0]


def planted_lane(corrupt: Corrupt, name: str = PLANTED) -> Lane:
    """A lane that collects correctly on the in-memory engine, then applies `corrupt`."""

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        return corrupt(lf.collect(engine="in-memory", **variant.collect_kwargs()), variant)

    return Lane(name, "in-memory, then a planted corruption", lambda: None, collect)


def honest_lane() -> Lane:
    return planted_lane(lambda df, variant: df, name="honest")


def first_pass_variant() -> Variant:
    name = f"-{discover_passes()[0]}"
    (variant,) = [v for v in select_variants(None) if v.name == name]
    return variant


# A handful of variants: every pass in turn would only repeat the same in-memory result.
FEW = [BASELINE, first_pass_variant(), next(v for v in select_variants(None) if v.name == NONE)]
FEW_NAMES = [v.name for v in FEW]


def outcomes(cells: Sequence[Cell]) -> list[Outcome]:
    return [c.outcome for c in cells]


def assert_every_cell(cells: Sequence[Cell], outcome: Outcome, variants: Sequence[Variant]) -> None:
    assert [c.variant for c in cells] == [v.name for v in variants]
    assert all(c.lane == PLANTED for c in cells), cells
    assert outcomes(cells) == [outcome] * len(variants), [(c.variant, c.detail) for c in cells]


def set_value(df: pl.DataFrame, column: str, row: int, value: object) -> pl.DataFrame:
    values = df[column].to_list()
    values[row] = value
    return df.with_columns(pl.Series(column, values, dtype=df[column].dtype))


# --- inputs --------------------------------------------------------------------------------------

# KEYED-shaped input (k: key, v: numeric, x: anything): floats, nulls, strings, NaN and signed zero.
KEYED_FRAME = pl.DataFrame(
    {
        "k": [2, 1, None, 1, 2, 3, 1],
        "v": [0.25, None, -1.5, 3.0, math.nan, -0.0, 0.0],
        "x": ["b", "a", None, "ü", "", "a", "c"],
    }
)

# Order-free inputs whose values exercise the canonical row order: NaN, -0.0 next to 0.0, nulls,
# and nested columns (lists and structs holding the same specials).
SPECIALS_FRAME = pl.DataFrame(
    {
        "k": [1, 2, 1, None, 3, 2, 3, 1],
        "v": [math.nan, -0.0, 0.0, None, 2.5, math.nan, -0.0, 0.0],
        "x": ["a", "b", "a", None, "ü", "", "b", "c"],
    }
)
NESTED_FRAME = pl.DataFrame(
    {
        "k": [1, 1, 2, None, 2, 3],
        "v": [-0.0, 0.0, math.nan, 1.25, None, math.nan],
        "x": [[1.5, None], [-0.0], [], None, [math.nan, 0.0], [0.0]],
        "s": [
            {"a": 1, "b": "x"},
            {"a": None, "b": "y"},
            {"a": 1, "b": "x"},
            None,
            {"a": 2, "b": None},
            {"a": 2, "b": ""},
        ],
    },
    schema_overrides={"x": pl.List(pl.Float64)},
)
STRUCT_X_FRAME = pl.DataFrame(
    {
        "k": [1, 2, 1, 3, 2, None],
        "v": [1.0, -0.0, 0.0, math.nan, 2.0, 3.0],
        "x": [
            {"f": -0.0, "g": ["a"]},
            {"f": math.nan, "g": []},
            None,
            {"f": 0.0, "g": None},
            {"f": 1.5, "g": ["b", None]},
            {"f": None, "g": ["c"]},
        ],
    }
)


# --- wrong results ------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", ["sort_multi_key", "with_row_index", "unique_any"])
def test_dropped_row_is_a_mismatch(operation: str) -> None:
    entry = op(operation)
    lane = planted_lane(lambda df, variant: df.slice(1))
    variants = select_variants(None)
    cells = check(entry.query, [KEYED_FRAME], entry.rules, lane, variants)
    assert_every_cell(cells, Outcome.MISMATCH, variants)
    assert "expected (baseline)" in cells[0].detail


@pytest.mark.parametrize(
    ("operation", "column", "to_null"),
    [
        ("with_row_index", "v", False),  # v[1] is null: becomes 0.0
        ("with_row_index", "x", False),  # x[2] is null: becomes ""
        ("with_row_index", "v", True),  # a value becomes null
        ("sort_multi_key", "x", True),
    ],
)
def test_flipped_null_is_a_mismatch(operation: str, column: str, to_null: bool) -> None:
    entry = op(operation)
    fill = {"v": 0.0, "x": ""}[column]

    def corrupt(df: pl.DataFrame, variant: Variant) -> pl.DataFrame:
        nulls = df[column].is_null()
        row = int(nulls.arg_min() if to_null else nulls.arg_max())  # first non-null / first null
        assert bool(nulls[row]) is not to_null
        return set_value(df, column, row, None if to_null else fill)

    cells = check(entry.query, [KEYED_FRAME], entry.rules, planted_lane(corrupt), FEW)
    assert_every_cell(cells, Outcome.MISMATCH, FEW)
    assert any(f"column {q}{column}{q}" in cells[0].detail for q in "\"'")


def test_null_flip_is_a_mismatch_even_when_row_order_is_free() -> None:
    entry = op("unique_any")
    assert not entry.rules.ordered
    cells = check(
        entry.query,
        [KEYED_FRAME],
        entry.rules,
        planted_lane(lambda df, variant: df.with_columns(pl.col("k").fill_null(0))),
        FEW,
    )
    assert_every_cell(cells, Outcome.MISMATCH, FEW)


@pytest.mark.parametrize("operation", ["sort_multi_key", "with_row_index"])
def test_reversed_rows_of_an_ordered_operation_are_a_mismatch(operation: str) -> None:
    entry = op(operation)
    assert entry.rules.ordered
    cells = check(
        entry.query, [KEYED_FRAME], entry.rules, planted_lane(lambda df, v: df.reverse()), FEW
    )
    assert_every_cell(cells, Outcome.MISMATCH, FEW)


@pytest.mark.parametrize(
    ("operation", "frame"),
    [
        ("group_by_numeric_aggs", KEYED_FRAME),
        ("group_by_numeric_aggs", SPECIALS_FRAME),
        ("unique_any", SPECIALS_FRAME),
        ("unique_any", NESTED_FRAME),
        ("group_by_first_last", NESTED_FRAME),
        ("group_by_first_last", STRUCT_X_FRAME),
        ("join_full", None),
    ],
    ids=lambda p: p if isinstance(p, str) else None,
)
def test_reversed_rows_of_an_order_free_operation_pass(
    operation: str, frame: pl.DataFrame | None
) -> None:
    entry = op(operation)
    assert not entry.rules.ordered
    frames = (
        [frame]
        if frame is not None
        else [
            NESTED_FRAME.select("k", a="x"),
            SPECIALS_FRAME.select("k", b="v"),
        ]
    )
    # The corruption must really move rows, or this test would prove nothing.
    result = entry.query(*(f.lazy() for f in frames)).collect()
    assert result.height >= 2
    assert not result.equals(result.reverse())

    cells = check(entry.query, frames, entry.rules, planted_lane(lambda df, v: df.reverse()), FEW)
    assert_every_cell(cells, Outcome.PASS, FEW)


def test_reversal_under_unordered_rules_still_checks_values() -> None:
    # Order-free is not value-free: reversing one column only must still be caught.
    entry = op("group_by_numeric_aggs")
    lane = planted_lane(lambda df, v: df.with_columns(pl.col("sum").reverse()))
    cells = check(entry.query, [KEYED_FRAME], UNORDERED, lane, FEW)
    assert_every_cell(cells, Outcome.MISMATCH, FEW)


# --- tolerance ----------------------------------------------------------------------------------

ARITH_FRAME = pl.DataFrame(
    {"a": [1.25, -3.5, None, 1e6, math.nan, 7.0], "b": [2.0, 0.5, 4.0, -2.25, 1.0, None]}
)


def scale_floats(factor: float) -> Corrupt:
    def corrupt(df: pl.DataFrame, variant: Variant) -> pl.DataFrame:
        return df.with_columns(pl.col(pl.Float32, pl.Float64) * factor)

    return corrupt


def scale_sum(factor: float) -> Corrupt:
    """A lane whose group sums are off by `factor`: a float error beyond exact equality."""

    def corrupt(df: pl.DataFrame, variant: Variant) -> pl.DataFrame:
        return df.with_columns(pl.col("total") * factor)

    return corrupt


SUMS_FRAME = pl.DataFrame({"k": [1, 2, 1, 2, 1], "v": [7.5e8, 0.25, 1.5, -3.0, 2.0]})


@pytest.mark.parametrize("factor", [1 + 1e-7, 1 + 1e-15])
@pytest.mark.parametrize("operation", ["select_arithmetic", "group_by_then_filter"])
def test_float_error_without_a_declared_tolerance_is_a_mismatch(
    operation: str, factor: float
) -> None:
    # exact by default, ordered or not: the order-free row matching rounds nothing either
    entry = op(operation)
    assert entry.rules.tolerance is None
    frame = ARITH_FRAME if operation == "select_arithmetic" else SUMS_FRAME
    corrupt = scale_floats(factor) if operation == "select_arithmetic" else scale_sum(factor)
    result = entry.query(frame.lazy()).collect()
    assert not result.equals(corrupt(result, BASELINE))  # the planted change is real
    cells = check(entry.query, [frame], entry.rules, planted_lane(corrupt), FEW)
    assert_every_cell(cells, Outcome.MISMATCH, FEW)


def test_a_declared_tolerance_accepts_the_same_error_and_no_more() -> None:
    entry = op("group_by_then_filter")
    lane = planted_lane(scale_sum(1 + 1e-7))
    assert (
        outcomes(check(entry.query, [SUMS_FRAME], entry.rules, lane, FEW)) == [Outcome.MISMATCH] * 3
    )
    tolerant = Rules(ordered=False, tolerance=Tolerance(rel=1e-6, abs=0, reason="planted"))
    assert outcomes(check(entry.query, [SUMS_FRAME], tolerant, lane, FEW)) == [Outcome.PASS] * 3
    beyond = planted_lane(scale_sum(1 + 1e-5))
    assert (
        outcomes(check(entry.query, [SUMS_FRAME], tolerant, beyond, FEW)) == [Outcome.MISMATCH] * 3
    )


def test_catalog_tolerances_accept_last_bit_differences_only() -> None:
    entry = op("group_by_numeric_aggs")  # declares a tolerance for its mean
    assert entry.rules.tolerance is not None
    for factor, expected in ((1 + 1e-12, Outcome.PASS), (1 + 1e-5, Outcome.MISMATCH)):
        lane = planted_lane(scale_floats(factor))
        cells = check(entry.query, [KEYED_FRAME], entry.rules, lane, FEW)
        assert_every_cell(cells, expected, FEW)


def test_a_tolerance_cannot_be_declared_without_its_reason() -> None:
    with pytest.raises(TypeError):
        Tolerance(rel=1e-9, abs=0)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="reason"):
        Tolerance(rel=1e-9, abs=0, reason=" ")
    with pytest.raises(ValueError, match="positive"):
        Tolerance(rel=0, abs=0, reason="nothing to tolerate")


# --- errors, panics -----------------------------------------------------------------------------


def raising_lane(exc: BaseException) -> Lane:
    """A lane that raises `exc` in place of running the query at all."""

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        raise exc

    return Lane(PLANTED, f"raises {type(exc).__name__}", lambda: None, collect)


def test_lane_raising_where_baseline_does_not_is_error_divergence() -> None:
    entry = op("sort_multi_key")
    lane = raising_lane(ComputeError("planted compute error"))
    cells = check(entry.query, [KEYED_FRAME], entry.rules, lane, FEW)
    assert_every_cell(cells, Outcome.ERROR_DIVERGENCE, FEW)
    assert "ComputeError" in cells[0].detail
    assert "planted compute error" in cells[0].detail


# The cast of an unused column raises; projection pushdown drops it from the all-on plan.
PRUNED_INPUT = pl.DataFrame({"a": [1, 2], "s": ["x", "y"]})
PROJECTION_OFF = [v for v in select_variants(None) if v.name == "-projection_pushdown"]


def _pruned_cast(lf: pl.LazyFrame) -> pl.LazyFrame:
    return lf.with_columns(bad=pl.col("s").str.to_integer()).select("a")


def test_an_error_in_work_the_baseline_pruned_is_elided_not_a_finding() -> None:
    variants = [BASELINE, *PROJECTION_OFF, FEW[-1]]
    cells = check(_pruned_cast, [PRUNED_INPUT], ORDERED, honest_lane(), variants)
    assert outcomes(cells) == [Outcome.PASS, Outcome.ELIDED_ERROR, Outcome.ELIDED_ERROR]
    assert "ComputeError" in cells[1].detail
    assert "pruned" in cells[1].detail


def test_an_error_listing_other_failing_values_than_the_in_memory_engine_is_the_same_error() -> (
    None
):
    """How many values failed and which ones an error lists depend on the engine's chunks."""
    no_pushdown = PROJECTION_OFF[0].collect_kwargs()
    with pytest.raises(ComputeError) as parse_error:
        _pruned_cast(PRUNED_INPUT.lazy()).collect(engine="in-memory", **no_pushdown)
    message = str(parse_error.value)
    assert '2 value(s): ["x", "y"]' in message
    fewer = message.replace('2 value(s): ["x", "y"]', '1 value(s): ["y"]')
    other = message.replace("strict integer parsing", "strict float parsing")
    # another message of that class stays a finding
    for raised, expected in ((fewer, Outcome.ELIDED_ERROR), (other, Outcome.ERROR_DIVERGENCE)):
        lane = raising_lane(ComputeError(raised))
        cells = check(_pruned_cast, [PRUNED_INPUT], ORDERED, lane, [BASELINE, *PROJECTION_OFF])
        assert outcomes(cells) == [Outcome.ERROR_DIVERGENCE, expected]
    # as does the same message naming another dtype
    by_dtype = [
        ErrorInfo("InvalidOperationError", f"`sum` not supported for dtype `list[{t}]`")
        for t in ("i64", "str")
    ]
    assert not by_dtype[0].alike(by_dtype[1])
    # an argument that must be one value, as long as the morsel or the column it was evaluated on
    one = "argument expression in `arr.count_matches` must produce exactly one element, got {}"
    assert ErrorInfo("ComputeError", one.format(8)).alike(ErrorInfo("ComputeError", one.format(5)))
    # the first invalid time an unordered input makes: which row comes first is not defined
    time = "Invalid time components ({}, 1, 0, 0) supplied"
    assert ErrorInfo("ComputeError", time.format(55)).alike(
        ErrorInfo("ComputeError", time.format(41))
    )
    assert not ErrorInfo("ComputeError", time.format(55)).alike(
        ErrorInfo("ComputeError", "Invalid date components (55, 1, 0) supplied")
    )


def test_an_error_the_in_memory_engine_does_not_raise_under_the_variant_is_a_finding() -> None:
    # the same query, but lanes that raise another error than the in-memory engine does with
    # the pass off (another class; the same class, another message), and a lane that raises
    # where the in-memory engine answers (sort_multi_key)
    for error in (ColumnNotFoundError("planted"), ComputeError("planted")):
        lane = raising_lane(error)
        cells = check(_pruned_cast, [PRUNED_INPUT], ORDERED, lane, [BASELINE, *PROJECTION_OFF])
        assert outcomes(cells) == [Outcome.ERROR_DIVERGENCE] * 2
    entry = op("sort_multi_key")
    lane = raising_lane(ComputeError("planted compute error"))
    cells = check(entry.query, [KEYED_FRAME], entry.rules, lane, FEW)
    assert_every_cell(cells, Outcome.ERROR_DIVERGENCE, FEW)


# Two errors: the unused column's failing parse, and the selected column's failing strict cast.
# The baseline prunes the parse and raises the cast's error; with projection pushdown off (and
# with every pass off) the parse raises first.
TWO_ERRORS_INPUT = pl.DataFrame({"a": [1, 300], "s": ["x", "y"]})


def _two_errors(lf: pl.LazyFrame) -> pl.LazyFrame:
    return lf.with_columns(bad=pl.col("s").str.to_integer()).select(
        pl.col("a").cast(pl.UInt8, strict=True)
    )


# An out-of-bounds `get` over no rows under an always-false filter: the baseline and the
# unoptimized query raise; without predicate pushdown the optimizer replaces the plan under the
# false filter with an empty frame, so nothing raises.
PRUNED_BY_VARIANT_INPUT = pl.DataFrame({"k": [1], "x": [2]})
PREDICATE_OFF = [v for v in select_variants(None) if v.name == "-predicate_pushdown"]


def _pruned_by_variant(lf: pl.LazyFrame) -> pl.LazyFrame:
    return lf.clear().with_columns(e=pl.col("k").get(-1)).drop_nulls().remove(pl.lit(True))


def test_which_of_two_errors_surfaces_first_is_the_passes_matter_not_a_finding() -> None:
    cells = check(
        _two_errors, [TWO_ERRORS_INPUT], ORDERED, honest_lane(), [BASELINE, *PROJECTION_OFF]
    )
    assert outcomes(cells) == [Outcome.CONSISTENT_ERROR, Outcome.ELIDED_ERROR]
    assert "two errors" in cells[1].detail
    # a lane raising another error than the in-memory engine under its variant stays a finding
    lane = raising_lane(ColumnNotFoundError("planted"))
    cells = check(_two_errors, [TWO_ERRORS_INPUT], ORDERED, lane, [BASELINE, *PROJECTION_OFF])
    assert outcomes(cells) == [Outcome.ERROR_DIVERGENCE] * 2


def test_a_lane_raising_the_other_of_two_errors_with_every_pass_on_is_elided() -> None:
    """Which of two errors surfaces first is not specified: an all-on cell that raises the other
    one, which the unoptimized query raises, is no discrepancy."""
    no_pushdown = PROJECTION_OFF[0].collect_kwargs()
    with pytest.raises(ComputeError) as parse_error:  # the query's other error, as Polars words it
        _two_errors(TWO_ERRORS_INPUT.lazy()).collect(engine="in-memory", **no_pushdown)
    lane = raising_lane(parse_error.value)
    cells = check(_two_errors, [TWO_ERRORS_INPUT], ORDERED, lane, [BASELINE])
    assert outcomes(cells) == [Outcome.ELIDED_ERROR]
    assert "which one surfaces first is not specified" in cells[0].detail
    # an error of the same class the query does not raise stays a finding
    lane = raising_lane(ComputeError("planted: out of memory in a sink"))
    cells = check(_two_errors, [TWO_ERRORS_INPUT], ORDERED, lane, [BASELINE])
    assert outcomes(cells) == [Outcome.ERROR_DIVERGENCE]


def _parse(lf: pl.LazyFrame) -> pl.LazyFrame:
    return lf.select(pl.col("s").str.to_integer())


def _cast_and_parse(lf: pl.LazyFrame) -> pl.LazyFrame:
    """Two errors in one projection: the in-memory engine meets the cast's first, every time."""
    return lf.select(pl.col("a").cast(pl.UInt8, strict=True), pl.col("s").str.to_integer())


def test_the_other_of_two_errors_is_elided_where_a_part_of_the_query_raises_it() -> None:
    """A cell that raises the error of one expression of a projection, where the in-memory engine
    always meets another first, is no discrepancy: the expression alone raises it in memory."""
    with pytest.raises(ComputeError) as parse_error:
        _parse(TWO_ERRORS_INPUT.lazy()).collect(engine="in-memory")
    lane = raising_lane(parse_error.value)
    cells = check(_cast_and_parse, [TWO_ERRORS_INPUT], ORDERED, lane, [BASELINE])
    assert outcomes(cells) == [Outcome.ERROR_DIVERGENCE]  # no part named: no witness
    parts = Twins(parts=(Part("a.select(c('s').str.to_integer())", _parse),))
    cells = check(_cast_and_parse, [TWO_ERRORS_INPUT], ORDERED, lane, [BASELINE], twins=parts)
    assert outcomes(cells) == [Outcome.ELIDED_ERROR]
    assert cells[0].detail.endswith("on this part of it:\na.select(c('s').str.to_integer())")
    # an error no part raises stays a finding
    lane = raising_lane(ComputeError("planted: out of memory in a sink"))
    cells = check(_cast_and_parse, [TWO_ERRORS_INPUT], ORDERED, lane, [BASELINE], twins=parts)
    assert outcomes(cells) == [Outcome.ERROR_DIVERGENCE]


def test_an_error_the_variants_passes_pruned_is_elided_not_a_finding() -> None:
    cells = check(
        _pruned_by_variant,
        [PRUNED_BY_VARIANT_INPUT],
        ORDERED,
        honest_lane(),
        [BASELINE, *PREDICATE_OFF],
    )
    assert outcomes(cells) == [Outcome.CONSISTENT_ERROR, Outcome.ELIDED_ERROR]
    assert "the cell's passes pruned" in cells[1].detail
    # a frame other than the in-memory engine's under the variant stays a finding
    wrong = pl.DataFrame({"k": [7], "x": [7], "e": [7]})
    lane = Lane(PLANTED, "answers wrongly", lambda: None, lambda lf, variant, timeout_s: wrong)
    cells = check(
        _pruned_by_variant, [PRUNED_BY_VARIANT_INPUT], ORDERED, lane, [BASELINE, *PREDICATE_OFF]
    )
    assert outcomes(cells) == [Outcome.ERROR_DIVERGENCE] * 2


def _missing_column(lf: pl.LazyFrame) -> pl.LazyFrame:
    return lf.select(pl.col("no_such_column") + 1)


def test_same_error_class_on_both_sides_is_consistent_error() -> None:
    cells = check(_missing_column, [KEYED_FRAME], ORDERED, planted_lane(lambda df, v: df), FEW)
    assert_every_cell(cells, Outcome.CONSISTENT_ERROR, FEW)
    assert ColumnNotFoundError.__name__ in cells[0].detail


def test_same_planted_error_class_is_consistent_error() -> None:
    # The lane's own ComputeError matches a baseline ComputeError (a failing strict cast).
    def bad_cast(lf: pl.LazyFrame) -> pl.LazyFrame:
        return lf.select(pl.col("x").cast(pl.Int64, strict=True))

    baseline_exc: list[BaseException] = []
    try:
        bad_cast(KEYED_FRAME.lazy()).collect()
    except Exception as exc:
        baseline_exc.append(exc)
    assert baseline_exc, "the strict cast was expected to fail on the baseline"
    exc_type = type(baseline_exc[0])

    def collect_then_raise(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        raise exc_type("planted, same class")

    lane = Lane(PLANTED, "raises the baseline's class", lambda: None, collect_then_raise)
    cells = check(bad_cast, [KEYED_FRAME], ORDERED, lane, FEW)
    assert_every_cell(cells, Outcome.CONSISTENT_ERROR, FEW)


def test_different_error_classes_are_error_divergence() -> None:
    lane = raising_lane(ComputeError("planted compute error"))
    cells = check(_missing_column, [KEYED_FRAME], ORDERED, lane, FEW)
    assert_every_cell(cells, Outcome.ERROR_DIVERGENCE, FEW)
    assert "ColumnNotFoundError" in cells[0].detail
    assert "ComputeError" in cells[0].detail


def test_lane_returning_a_frame_where_baseline_raises_is_error_divergence() -> None:
    def swallow(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        return pl.DataFrame()

    lane = Lane(PLANTED, "never raises", lambda: None, swallow)
    cells = check(_missing_column, [KEYED_FRAME], ORDERED, lane, FEW)
    assert_every_cell(cells, Outcome.ERROR_DIVERGENCE, FEW)
    assert "returned a frame" in cells[0].detail


def test_panic_is_reported_and_the_run_goes_on() -> None:
    entry = op("group_by_numeric_aggs")
    panicking = FEW[1].name

    def corrupt(df: pl.DataFrame, variant: Variant) -> pl.DataFrame:
        if variant.name == panicking:
            raise PanicException("planted panic")
        return df

    cells = check(entry.query, [KEYED_FRAME], entry.rules, planted_lane(corrupt), FEW)
    assert [c.variant for c in cells] == FEW_NAMES
    assert all(c.lane == PLANTED for c in cells)
    by_variant = {c.variant: c for c in cells}
    assert by_variant[panicking].outcome is Outcome.PANIC
    assert "planted panic" in by_variant[panicking].detail
    assert [c.outcome for c in cells if c.variant != panicking] == [Outcome.PASS] * 2


def test_panic_on_every_variant_is_reported_for_each() -> None:
    entry = op("sort_multi_key")
    variants = select_variants(None)
    cells = check(
        entry.query, [KEYED_FRAME], entry.rules, raising_lane(PanicException("boom")), variants
    )
    assert_every_cell(cells, Outcome.PANIC, variants)


# --- one variant only ---------------------------------------------------------------------------


@pytest.mark.parametrize("operation", ["sort_multi_key", "group_by_numeric_aggs"])
def test_corruption_under_one_variant_names_exactly_that_variant(operation: str) -> None:
    entry = op(operation)
    variants = select_variants(None)
    target = first_pass_variant().name
    assert target in [v.name for v in variants]

    def corrupt(df: pl.DataFrame, variant: Variant) -> pl.DataFrame:
        return df.slice(1) if variant.name == target else df

    cells = check(entry.query, [KEYED_FRAME], entry.rules, planted_lane(corrupt), variants)
    assert [c.variant for c in cells] == [v.name for v in variants]
    assert all(c.lane == PLANTED for c in cells)
    failing = [c.variant for c in cells if c.outcome is not Outcome.PASS]
    assert failing == [target]
    assert next(c for c in cells if c.variant == target).outcome is Outcome.MISMATCH


def test_corruption_under_the_last_pass_is_not_misattributed() -> None:
    entry = op("with_row_index")
    variants = select_variants(None)
    target = f"-{discover_passes()[-1]}"

    def corrupt(df: pl.DataFrame, variant: Variant) -> pl.DataFrame:
        return df.reverse() if variant.name == target else df

    cells = check(entry.query, [KEYED_FRAME], entry.rules, planted_lane(corrupt), variants)
    assert {c.variant: c.outcome for c in cells if c.outcome is not Outcome.PASS} == {
        target: Outcome.MISMATCH
    }


# --- hangs --------------------------------------------------------------------------------------


def test_hanging_lane_is_a_timeout_and_check_returns_promptly() -> None:
    entry = op("sort_multi_key")
    release = threading.Event()
    hanging = FEW[0].name

    def corrupt(df: pl.DataFrame, variant: Variant) -> pl.DataFrame:
        if variant.name == hanging:
            release.wait(30)  # a 30 s hang; released when the test ends
        return df

    variants = FEW[:2]
    start = time.perf_counter()
    try:
        cells = check(
            entry.query, [KEYED_FRAME], entry.rules, planted_lane(corrupt), variants, timeout_s=0.5
        )
    finally:
        release.set()
    elapsed = time.perf_counter() - start
    assert elapsed < 3, f"check took {elapsed:.1f}s for a 0.5s limit"
    assert [c.variant for c in cells] == [v.name for v in variants]
    assert all(c.lane == PLANTED for c in cells)
    assert [c.outcome for c in cells] == [Outcome.TIMEOUT, Outcome.PASS]
    assert cells[0].duration_s < 3


def test_timed_out_baseline_spends_no_time_on_the_cells() -> None:
    from conformance.engines.execute import Execution

    entry = op("sort_multi_key")
    calls: list[str] = []

    def corrupt(df: pl.DataFrame, variant: Variant) -> pl.DataFrame:
        calls.append(variant.name)
        return df

    hung = Execution(None, None, 0.5, timed_out=True)
    cells = check(
        entry.query, [KEYED_FRAME], entry.rules, planted_lane(corrupt), FEW, baseline=hung
    )
    assert calls == []
    assert [c.outcome for c in cells] == [Outcome.TIMEOUT] * len(FEW)
    assert all("baseline" in c.detail for c in cells)


def test_order_free_row_matching_rounds_nothing() -> None:
    """Rows are matched by their exact values: -0.0 is 0.0 and NaN is NaN, nothing else is alike."""
    from conformance.judge.compare import UNORDERED, difference

    expected = pl.DataFrame({"s": ["a", "b", "c", "d"], "f": [10.0, 5.0, -0.0, math.nan]})
    got = expected.reverse().with_columns(pl.col("f").replace(-0.0, 0.0))
    assert difference(expected, got, UNORDERED) is None
    noisy = got.with_columns(
        f=pl.when(pl.col("s") == "a").then(10.0 * (1 - 1e-12)).otherwise(pl.col("f"))
    )
    assert difference(expected, noisy, UNORDERED) is not None
    # a declared tolerance accepts the noise: the exact key `s` still pairs the rows up
    tolerant = Rules(ordered=False, tolerance=Tolerance(rel=1e-9, abs=0, reason="planted"))
    assert difference(expected, noisy, tolerant) is None


def test_order_free_compare_of_values_python_cannot_hold() -> None:
    """A Duration beyond timedelta's range still compares order-free (rows keyed physically)."""
    from conformance.judge.compare import difference

    days = 86_400_000  # milliseconds
    huge = pl.Series("d", [10**9 * days, -(10**9) * days, 5], dtype=pl.Int64).cast(
        pl.Duration("ms")
    )
    expected = pl.DataFrame([huge, pl.Series("i", [1, 2, 3])])
    assert difference(expected, expected.reverse(), UNORDERED) is None
    changed = expected.with_columns(pl.col("i").reverse())
    assert difference(expected, changed, UNORDERED) is not None


def test_values_hidden_under_a_null_array_row_are_not_a_difference() -> None:
    """A lane may drop what a null row hides; a changed visible value is still a difference."""
    from conformance.judge.compare import difference

    dtype = pl.Array(pl.Struct({"x": pl.Int64}), 1)
    full = pl.Series("a", [[{"x": 1}], [{"x": 2}]], dtype=dtype)
    hidden = pl.select(pl.when(pl.Series([False, True])).then(full)).to_series().to_frame()
    clean = pl.Series("a", [None, [{"x": 2}]], dtype=dtype).to_frame()
    changed = pl.Series("a", [None, [{"x": 3}]], dtype=dtype).to_frame()
    assert difference(hidden, clean, ORDERED) is None
    assert difference(hidden, changed, ORDERED) is not None


def test_gpu_translation_failure_is_a_fallback_not_an_error() -> None:
    from conformance.engines.lanes import GpuFallback

    entry = op("sort_multi_key")

    def corrupt(df: pl.DataFrame, variant: Variant) -> pl.DataFrame:
        if variant.name == NONE:
            raise GpuFallback("Query execution with GPU not possible: unsupported operations.")
        return df

    cells = check(entry.query, [KEYED_FRAME], entry.rules, planted_lane(corrupt), FEW)
    outcomes = {c.variant: c.outcome for c in cells}
    assert outcomes.pop(NONE) is Outcome.FALLBACK
    assert set(outcomes.values()) == {Outcome.PASS}
    assert not Outcome.FALLBACK.is_failure
