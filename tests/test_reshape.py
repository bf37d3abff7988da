"""Planted bugs the reshape invariants must catch, and honest runs they must pass.

Each reshape property gets one realistic bug its invariant exposes: a lane whose collect corrupts
one kind of query (it sees the query's unoptimized plan), or a Polars API monkeypatched to
misbehave. The property's draws are scripted and its input is fixed, so the bug shows; the cell
must be an `invariant-violation` whose detail names the broken step, and the same property must
pass that input unbroken on the in-memory engine.
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl
import polars.selectors as cs
import pytest

from conformance.engines.lanes import Lane
from conformance.properties import PROPERTIES
from conformance.properties.property import run_property
from reports.outcomes import Outcome
from tests.planted import Corrupt, Scripted, planted_lane

c = pl.col
TIMEOUT_S = 60.0
RESHAPE = {p.name: p for p in PROPERTIES if p.family == "reshape"}

Frames = tuple[pl.DataFrame, ...]
Patch = Callable[[pytest.MonkeyPatch], None]


# --- fixed inputs, each of its property's `inputs` shape (strategies/reshape.py) ----------------

# wide_frames: a unique key-typed index `id0`, value columns of one dtype, a null among them.
WIDE = pl.DataFrame({"id0": [1, 2, 3], "a": [1.5, None, -2.0], "b": [0.0, 4.0, 8.5]})
# long_frames: (i, k) combinations that repeat, (2, "y") and (3, "x") without rows, a null `v`.
LONG = pl.DataFrame(
    {"i": [1, 1, 2, 2, 1, 3], "k": ["x", "y", "x", "x", "x", "y"], "v": [1.0, 2, 3, None, 4, 5]}
)
# long_frames(null_key=True): null keys under two index values.
LONG_NULL_KEY = pl.DataFrame(
    {"i": [1, 1, 2, 2, 3], "k": ["x", None, None, "y", "x"], "v": [1.0, 2.0, 3.0, 4.0, None]}
)
# unstack_frames: a height (5) no step of 2 divides, so unstack pads.
UNSTACK = pl.DataFrame({"x": [1, 2, 3, 4, 5], "y": ["a", "b", None, "d", "e"]})
# list_frames: a list, an empty list, a null list, a list holding a null.
LISTS = pl.DataFrame({"l": [[1, 2], [], None, [3, None]], "x": ["a", "b", "c", "d"]})
# any_frames: columns of different dtypes, nulls included.
ANY = pl.DataFrame({"c0": [1, None, 3], "c1": ["a", "b", None], "c2": [[1], None, []]})
# struct_frames: a null struct, a struct with a null field, a zero-field struct `z`.
STRUCTS = pl.DataFrame(
    {"i": [1, 2, 3], "s": [{"f0": 1, "f1": "a"}, None, {"f0": None, "f1": "c"}]}
).with_columns(pl.Series("z", [{}, None, {}], dtype=pl.Struct({})))
# partition_frames: a null key (its own group), keys that come back after others.
PARTITION = pl.DataFrame(
    {"k": [1, None, 2, 1, None], "k2": ["a", "a", "b", "b", "a"], "x": [0.5, 1.5, 2.5, 3.5, 4.5]}
)
# same_dtype_frames: one dtype, a null in each column.
SAME_DTYPE = pl.DataFrame({"c0": [1, None, 3], "c1": [4, 5, None]})
# Scale 0: Polars 2.1's transpose rescales a decimal with a non-zero scale (a Polars bug), so
# only scale 0 passes unbroken there.
DECIMALS = pl.DataFrame(
    {"c0": [decimal.Decimal(1), None, decimal.Decimal(-20)], "c1": [decimal.Decimal(7)] * 3},
    schema={"c0": pl.Decimal(10, 0), "c1": pl.Decimal(10, 0)},
)
# Null arrays only: Polars 2.1's transpose panics on any non-null Array of categoricals.
CATEGORICAL_ARRAYS = pl.DataFrame(
    {"c0": [None, None], "c1": [None, None]},
    schema={"c0": pl.Array(pl.Categorical, 2), "c1": pl.Array(pl.Categorical, 2)},
)
# vertical_parts: one schema, two heights.
VERTICAL = (
    pl.DataFrame({"a": [1, 2], "x": ["p", None]}),
    pl.DataFrame({"a": [3, None, 5], "x": ["q", "r", "s"]}),
)
# horizontal_parts: disjoint names, heights 3 and 2 (no nulls of their own: the padding is).
HORIZONTAL = (
    pl.DataFrame({"a0": ["p", "q", "r"], "a1": [1, 2, 3]}),
    pl.DataFrame({"b0": [True, False]}),
)
# diagonal_parts: `a` shared, `x` only in part 0, `y` (numeric) only in part 1.
DIAGONAL = (
    pl.DataFrame({"a": [1, 2], "x": ["p", "q"]}),
    pl.DataFrame({"y": [10, 20, 30], "a": [3, 4, 5]}),
)


# --- the bugs: lane corruptions (plan, result) -> result ----------------------------------------


def unpivot_drops_last_row(plan: str, df: pl.DataFrame) -> pl.DataFrame:
    """The lane's unpivot loses its last long row: one cell of the wide frame is gone."""
    return df.head(-1) if plan.startswith("UNPIVOT") else df


def lazy_pivot_sorts_columns(plan: str, df: pl.DataFrame) -> pl.DataFrame:
    """The lane's pivot (an aggregate) gives its columns in name order, not `on_columns` order."""
    return df.select(df.columns[0], *sorted(df.columns[1:])) if "AGGREGATE" in plan else df


def unnest_reverses_fields(plan: str, df: pl.DataFrame) -> pl.DataFrame:
    """The lane's unnest emits a struct's fields in reverse order."""
    return df.select(reversed(df.columns)) if plan.startswith("UNNEST") else df


def columnless_frame_loses_height(plan: str, df: pl.DataFrame) -> pl.DataFrame:
    """A result without columns comes back without rows (unnest of a lone zero-field struct)."""
    return pl.DataFrame() if df.width == 0 else df


def vertical_concat_drops_last_row(plan: str, df: pl.DataFrame) -> pl.DataFrame:
    """The lane's vertical concat (a union) loses the last row of its last part."""
    return df.head(-1) if plan.startswith("UNION") else df


def horizontal_concat_pads_forward(plan: str, df: pl.DataFrame) -> pl.DataFrame:
    """The lane's horizontal concat pads a short part with its last value instead of nulls."""
    return df.fill_null(strategy="forward") if plan.startswith("HCONCAT") else df


# --- the bugs: Polars APIs monkeypatched --------------------------------------------------------


def pivot_empty_combination_is_null(monkeypatch: pytest.MonkeyPatch) -> None:
    """pivot's sum gives a combination without rows a null, not 0 (the rule before 1.32)."""
    pivot = pl.DataFrame.pivot

    def planted(self: pl.DataFrame, on: Any, on_columns: Any = None, **kwargs: Any) -> Any:
        wide = pivot(self, on, on_columns, **kwargs)
        if kwargs.get("aggregate_function") != "sum":
            return wide
        rows = pivot(self, on, on_columns, **{**kwargs, "aggregate_function": "len"})
        values = [n for n in wide.columns if n != kwargs["index"]]
        return wide.with_columns(pl.when(rows[n] > 0).then(c(n)).alias(n) for n in values)

    monkeypatch.setattr(pl.DataFrame, "pivot", planted)


def pivot_drops_null_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """pivot leaves out the column of the null `on` key."""
    pivot = pl.DataFrame.pivot
    monkeypatch.setattr(
        pl.DataFrame,
        "pivot",
        lambda self, *args, **kwargs: pivot(self, *args, **kwargs).drop("null", strict=False),
    )


def unstack_ignores_direction(monkeypatch: pytest.MonkeyPatch) -> None:
    """unstack(how="vertical") fills row by row, as "horizontal" does."""
    unstack = pl.DataFrame.unstack
    monkeypatch.setattr(
        pl.DataFrame,
        "unstack",
        lambda self, *, step, how="vertical", **kwargs: unstack(
            self, step=step, how="horizontal", **kwargs
        ),
    )


def unpivot_empty_on_takes_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """unpivot(on=[]) unpivots every non-index column again (the rule before 1.36)."""
    unpivot = pl.LazyFrame.unpivot

    def planted(self: pl.LazyFrame, on: Any = None, **kwargs: Any) -> pl.LazyFrame:
        return unpivot(self, None if on == [] else on, **kwargs)

    monkeypatch.setattr(pl.LazyFrame, "unpivot", planted)


def explode_drops_empty_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """explode drops an empty list's row even when asked for a null (empty_as_null=True)."""
    explode = pl.LazyFrame.explode

    @functools.wraps(explode)  # the property reads explode's signature for its defaults
    def planted(self: pl.LazyFrame, *columns: Any, **kwargs: Any) -> pl.LazyFrame:
        return explode(self, *columns, **{**kwargs, "empty_as_null": False})

    monkeypatch.setattr(pl.LazyFrame, "explode", planted)


def partition_by_loses_null_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """partition_by loses the rows whose key is null: no part for the null key."""
    partition_by = pl.DataFrame.partition_by

    def planted(self: pl.DataFrame, by: Any, *more_by: Any, **kwargs: Any) -> Any:
        keys = [*([by] if isinstance(by, str) else by), *more_by]
        return partition_by(self.drop_nulls(keys), by, *more_by, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "partition_by", planted)


def transpose_loses_last_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """transpose loses its input's last row: one column short on the way out."""
    transpose = pl.DataFrame.transpose
    monkeypatch.setattr(
        pl.DataFrame, "transpose", lambda self, **kwargs: transpose(self.head(-1), **kwargs)
    )


def transpose_decimals_via_float(monkeypatch: pytest.MonkeyPatch) -> None:
    """transpose goes through Float64 for decimal columns, and never comes back to Decimal."""
    transpose = pl.DataFrame.transpose
    monkeypatch.setattr(
        pl.DataFrame,
        "transpose",
        lambda self, **kwargs: transpose(
            self.with_columns(cs.decimal().cast(pl.Float64)), **kwargs
        ),
    )


def transpose_categorical_arrays_as_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    """transpose loses the categories of an Array of categoricals: it comes back as strings."""
    transpose = pl.DataFrame.transpose

    def planted(self: pl.DataFrame, **kwargs: Any) -> pl.DataFrame:
        arrays = {
            n: pl.Array(pl.String, d.shape)
            for n, d in self.schema.items()
            if isinstance(d, pl.Array)
        }
        return transpose(self.cast(arrays), **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pl.DataFrame, "transpose", planted)


def diagonal_concat_fills_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    """Diagonal concat fills a part's missing numeric columns with 0 instead of null."""
    concat = pl.concat

    def planted(items: Any, *, how: str = "vertical", **kwargs: Any) -> Any:
        items = list(items)
        if how == "diagonal":
            schema: dict[str, pl.DataType] = {}
            for item in items:
                schema.update(item.collect_schema())
            items = [
                item.with_columns(
                    pl.lit(0, dtype=dtype).alias(name)
                    for name, dtype in schema.items()
                    if name not in item.collect_schema() and dtype.is_numeric()
                )
                for item in items
            ]
        return concat(items, how=how, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pl, "concat", planted)


# --- the cases ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A property, its fixed input and draws, one planted bug, and what the detail must say."""

    name: str
    frames: Frames
    draws: Mapping[str, object]
    says: str
    corrupt: Corrupt | None = field(default=None, repr=False)  # a lane bug
    patch: Patch | None = field(default=None, repr=False)  # a Polars API bug


DEFAULT_NAMES = {"custom unpivot names": False}
CASES = [
    Case(
        "reshape.unpivot_pivot",
        (WIDE,),
        DEFAULT_NAMES,
        "DataFrame.pivot of the lane's unpivot != the input",
        corrupt=unpivot_drops_last_row,
    ),
    Case(
        "reshape.pivot_agg",
        (LONG,),
        {},
        "pivot(aggregate_function='sum') != group_by",
        patch=pivot_empty_combination_is_null,
    ),
    Case(
        "reshape.pivot_lazy",
        (LONG,),
        {"aggregate_function": "sum", "on_columns order": [1, 0], "on_columns size": 2},
        "LazyFrame.pivot(aggregate_function='sum') != eager",
        corrupt=lazy_pivot_sorts_columns,
    ),
    Case(
        "reshape.pivot_null_on",
        (LONG_NULL_KEY,),
        {"aggregate_function": "sum"},
        "pivot dropped the null key's column",
        patch=pivot_drops_null_key,
    ),
    Case(
        "reshape.unstack_pivot",
        (UNSTACK,),
        {"columns": ["x", "y"], "how": "vertical", "step": 2},
        "unstack(step=2, how='vertical') != pivot",
        patch=unstack_ignores_direction,
    ),
    Case(
        "reshape.unpivot_empty_on",
        (WIDE,),
        {"empty on": "list", **DEFAULT_NAMES},
        "unpivot(on=list matching nothing)",
        patch=unpivot_empty_on_takes_all,
    ),
    Case(
        "reshape.explode_implode",
        (LISTS,),
        {"empty_as_null": True, "keep_nulls": True},
        "explode({'empty_as_null': True, 'keep_nulls': True}) then implode per row",
        patch=explode_drops_empty_lists,
    ),
    Case(
        "reshape.struct_unnest",
        (ANY,),
        {},
        "struct of every column, then unnest",
        corrupt=unnest_reverses_fields,
    ),
    Case(
        "reshape.unnest_struct",
        (STRUCTS,),
        {},
        "unnest of a lone zero-field struct of height 3: shape (0, 0)",
        corrupt=columnless_frame_loses_height,
    ),
    Case(
        "reshape.partition_concat",
        (PARTITION,),
        {"by": ["k"], "maintain_order": True},
        "partition_by(['k']) gave 2 parts for 3 distinct keys",
        patch=partition_by_loses_null_keys,
    ),
    Case(
        "reshape.transpose_twice",
        (SAME_DTYPE,),
        {},
        "transpose twice",
        patch=transpose_loses_last_row,
    ),
    Case(
        "reshape.transpose_twice_decimal",
        (DECIMALS,),
        {},
        "transpose twice",
        patch=transpose_decimals_via_float,
    ),
    Case(
        "reshape.transpose_twice_categorical_array",
        (CATEGORICAL_ARRAYS,),
        {},
        "transpose twice",
        patch=transpose_categorical_arrays_as_strings,
    ),
    Case(
        "reshape.concat_vertical",
        VERTICAL,
        {},
        "part 1 of a vertical concat",
        corrupt=vertical_concat_drops_last_row,
    ),
    Case(
        "reshape.concat_horizontal",
        HORIZONTAL,
        {"how": "horizontal_extend"},
        "null padding below part 1",
        corrupt=horizontal_concat_pads_forward,
    ),
    Case(
        "reshape.concat_diagonal",
        DIAGONAL,
        {},
        "diagonal concat: part 0 has values in columns it lacks",
        patch=diagonal_concat_fills_zero,
    ),
]
CASE_IDS = [case.name for case in CASES]


def run(case: Case, lane: Lane) -> tuple[Outcome, str]:
    prop = RESHAPE[case.name]
    if reason := prop.unavailable_reason():
        pytest.skip(reason)
    cell = run_property(prop, lane, case.frames, Scripted(case.draws), TIMEOUT_S)  # type: ignore[arg-type]
    return cell.outcome, cell.detail


def test_every_reshape_property_has_a_planted_bug() -> None:
    assert sorted(CASE_IDS) == sorted(RESHAPE)


def test_each_case_plants_exactly_one_bug() -> None:
    assert all((case.corrupt is None) != (case.patch is None) for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_planted_bug_is_an_invariant_violation(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    if case.patch is not None:
        case.patch(monkeypatch)
    outcome, detail = run(case, planted_lane(case.corrupt))
    assert outcome == Outcome.INVARIANT_VIOLATION, detail
    assert case.says in detail, detail


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_unbroken_property_passes_the_same_input(case: Case) -> None:
    outcome, detail = run(case, planted_lane())
    assert outcome == Outcome.PASS, detail
