"""Planted bugs for the sortedness family: every property and the flag check must be able to fail.

A wrong sorted fast path is emulated three ways: a lane that corrupts the result of any plan that
flags a column sorted, `set_sorted` monkeypatched to claim the opposite direction (Polars' own fast
paths then run on data not sorted the way the flag says), and a lane that hands back frames with a
lying flag. Each must come out as the right outcome; the same properties on the honest in-memory
engine must pass. Examples are derandomized, so every run draws the same inputs. Every registered
sortedness property has a planted bug (`@plants`, checked against the registry).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import HealthCheck, Phase, given, settings

from conformance.catalog import OPERATIONS
from conformance.engines.execute import Execution
from conformance.engines.lanes import BASELINE_LANE, Lane
from conformance.engines.passes import BASELINE, Variant
from conformance.judge.compare import ORDERED
from conformance.judge.flags import untruthful_flags
from conformance.judge.harness import Cell, check, classify
from conformance.properties import PROPERTIES
from conformance.properties.property import Property, run_property
from reports.outcomes import Outcome
from strategies.sorted import Key, orderable_frames, sort_orders, sorted_frames
from tests.planted import PlantedBugs

SORTEDNESS = [p for p in PROPERTIES if p.family == "sortedness"]
# Properties that compare a query with and without the flag (all but the rewrites and the flags),
# named, so that a new property is not taken for one of them unseen.
FLAG_PROPERTIES = [
    "sorted.aggregations",
    "sorted.unique",
    "sorted.search_sorted",
    "sorted.joins",
    "sorted.join_asof",
    "sorted.merge_sorted",
    "sorted.top_k",
    "sorted.is_sorted",
    "sorted.range_filters",
    "sorted.windows",
    "sorted.cumulative",
]
# Properties that also compare the lane with the in-memory engine on sorted input.
ENGINE_PROPERTIES = ["sorted.join_asof", "sorted.merge_sorted", "sorted.windows"]
EXAMPLES = 25


def prop(name: str) -> Property:
    (found,) = [p for p in PROPERTIES if p.name == name]
    return found


def available(p: Property) -> Property:
    if reason := p.unavailable_reason():
        pytest.skip(reason)
    return p


def run(p: Property, lane: Lane = BASELINE_LANE, examples: int = EXAMPLES) -> list[Cell]:
    """`p` on `examples` derandomized inputs; every cell, failing or not."""
    cells: list[Cell] = []

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def go(data: st.DataObject) -> None:
        frames = data.draw(p.inputs, label="input frames")
        cells.append(run_property(p, lane, frames, data, timeout_s=60.0))

    go()
    return cells


def fake_lane(name: str, after: Callable[[pl.LazyFrame, pl.DataFrame], pl.DataFrame]) -> Lane:
    """In-memory, then `after(query, result)`: a planted engine bug."""

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        return after(lf, lf.collect(engine="in-memory", **variant.collect_kwargs()))

    return Lane(name, "in-memory, then a planted bug", lambda: None, collect)


def flagged_plan(lf: pl.LazyFrame) -> bool:
    plan = lf.explain(optimized=False)
    return "set_sorted" in plan or "hint.sorted" in plan


def drop_last_row(lf: pl.LazyFrame, df: pl.DataFrame) -> pl.DataFrame:
    return df.head(-1)


# Each sortedness property -> the tests that plant a bug it must report as sortedness-violation
# (untruthful-flag for sorted.flags_truthful), filled in by `@plants` on those tests and compared
# with the registry by test_every_sortedness_property_has_a_planted_bug.
PLANTED = PlantedBugs("sortedness")
plants = PLANTED.plants


# --- every property can fail ----------------------------------------------------------------------


@plants(*FLAG_PROPERTIES)
@pytest.mark.parametrize("name", FLAG_PROPERTIES)
def test_wrong_fast_path_on_flagged_input_is_a_sortedness_violation(name: str) -> None:
    """A lane whose result changes once a column is flagged sorted breaks the contract."""
    lane = fake_lane(
        "flag-sensitive", lambda lf, df: drop_last_row(lf, df) if flagged_plan(lf) else df
    )
    cells = run(available(prop(name)), lane)
    violations = [c for c in cells if c.outcome is Outcome.SORTEDNESS_VIOLATION]
    assert violations, [(c.outcome, c.detail[:200]) for c in cells]
    assert "set_sorted via" in violations[0].detail
    assert (
        "inputs sorted by s" in violations[0].detail or "inputs sorted by g" in violations[0].detail
    )


@pytest.mark.parametrize("name", ENGINE_PROPERTIES)
def test_lane_differing_from_in_memory_on_sorted_input_is_a_mismatch(name: str) -> None:
    """An engine wrong on every sorted-input query agrees with itself, not with the in-memory one."""
    cells = run(available(prop(name)), fake_lane("off-by-one", drop_last_row))
    mismatches = [c for c in cells if c.outcome is Outcome.MISMATCH]
    assert mismatches, [(c.outcome, c.detail[:200]) for c in cells]
    assert "in-memory" in mismatches[0].detail


@pytest.fixture
def opposite_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    """`set_sorted` claims the opposite direction, so Polars' own fast paths run on a lie."""

    def flip(value: bool | list[bool]) -> bool | list[bool]:
        return [not v for v in value] if isinstance(value, list) else not value

    for owner in (pl.LazyFrame, pl.Expr, pl.Series):
        original = owner.set_sorted

        def lying(self, *args, original=original, descending=False, **kwargs):  # type: ignore[no-untyped-def]
            return original(self, *args, descending=flip(descending), **kwargs)

        monkeypatch.setattr(owner, "set_sorted", lying)


# Polars takes a fast path from the flag in these, so a flag claiming the wrong direction changes
# their results. (unique, joins, join_asof and the windows do not react to a wrong direction:
# their fast paths only need equal keys to be adjacent, or they check the data themselves.)
FAST_PATH_PROPERTIES = [
    "sorted.aggregations",
    "sorted.search_sorted",
    "sorted.merge_sorted",
    "sorted.top_k",
    "sorted.is_sorted",
    "sorted.range_filters",
    "sorted.cumulative",
]


@plants(*FAST_PATH_PROPERTIES)
@pytest.mark.parametrize("name", FAST_PATH_PROPERTIES)
def test_polars_fast_path_on_a_lying_flag_is_caught(name: str, opposite_flags: None) -> None:
    cells = run(available(prop(name)))
    assert any(c.outcome is Outcome.SORTEDNESS_VIOLATION for c in cells), [
        (c.outcome, c.detail[:200]) for c in cells
    ]


@plants("sorted.sort_rewrites")
def test_broken_sort_rewrite_is_a_sortedness_violation(monkeypatch: pytest.MonkeyPatch) -> None:
    """unique(keep="last") keeping the first row breaks the sort-then-unique rewrite."""
    original = pl.LazyFrame.unique

    def first_not_last(self, subset=None, *, keep="any", maintain_order=False):  # type: ignore[no-untyped-def]
        keep = "first" if keep == "last" else keep
        return original(self, subset, keep=keep, maintain_order=maintain_order)

    monkeypatch.setattr(pl.LazyFrame, "unique", first_not_last)
    cells = run(available(prop("sorted.sort_rewrites")))
    violations = [c for c in cells if c.outcome is Outcome.SORTEDNESS_VIOLATION]
    assert violations, [(c.outcome, c.detail[:200]) for c in cells]
    assert 'keep="last"' in violations[0].detail


@plants("sorted.flags_truthful")
def test_lying_flag_on_a_result_is_untruthful() -> None:
    """A lane that flags every column of its results sorted ascending lies about some of them."""

    def flag_everything(lf: pl.LazyFrame, df: pl.DataFrame) -> pl.DataFrame:
        return df.with_columns(df[name].set_sorted() for name in df.columns)

    cells = run(prop("sorted.flags_truthful"), fake_lane("liar", flag_everything))
    lies = [c for c in cells if c.outcome is Outcome.UNTRUTHFUL_FLAG]
    assert lies, [(c.outcome, c.detail[:200]) for c in cells]
    assert "is flagged SORTED_ASC" in lies[0].detail


def test_every_sortedness_property_has_a_planted_bug() -> None:
    """A property that no planted bug breaks may be unable to fail at all."""
    unplanted, unknown = PLANTED.missing()
    assert not unplanted, f"no planted bug: {unplanted}"
    assert not unknown, f"not registered: {unknown}"


# --- and passes where Polars keeps the contract ---------------------------------------------------

# Real Polars bugs these properties find on the honest engine (see known_issues/registry.toml).
KNOWN_FAILING = {"sorted.is_sorted"}


@pytest.mark.parametrize("p", SORTEDNESS, ids=lambda p: p.name)
def test_honest_in_memory_engine_passes(p: Property) -> None:
    if p.name in KNOWN_FAILING:
        pytest.skip(f"{p.name} finds a registered Polars bug on the in-memory engine")
    cells = run(available(p), examples=6)
    failures = [(c.outcome, c.detail[:500]) for c in cells if c.outcome.is_failure]
    assert not failures, failures


# --- the flag check on catalog results ------------------------------------------------------------

TRUTHFUL = [
    pl.Series("i", [None, 1, 1, 3]).sort(),
    pl.Series("f", [1.0, math.nan, None, -0.0, 0.0, -math.inf]).sort(
        descending=True, nulls_last=True
    ),
    pl.Series("s", ["b", None, "a", "ü", ""]).sort(nulls_last=True),
    pl.Series("l", [[2], [1, None], None, []]).sort(),
    pl.Series("n", [None, None], dtype=pl.Int64).set_sorted(descending=True),
    pl.Series("e", [], dtype=pl.Date).set_sorted(),
]


@pytest.mark.parametrize("column", TRUTHFUL, ids=lambda s: s.name)
def test_truthful_flags_pass(column: pl.Series) -> None:
    assert column.flags["SORTED_ASC"] or column.flags["SORTED_DESC"] or column.len() < 2
    assert untruthful_flags(column.to_frame()) == []


@pytest.mark.parametrize(
    ("column", "flag", "why"),
    [
        (pl.Series("a", [1, 3, 2]).set_sorted(), "SORTED_ASC", "not sorted: [1, 3, 2]"),
        (pl.Series("a", [1.0, math.nan, 2.0]).set_sorted(), "SORTED_ASC", "not sorted"),
        (pl.Series("a", [1, 2]).set_sorted(descending=True), "SORTED_DESC", "not sorted"),
        (
            pl.Series("a", [None, 1, None]).set_sorted(),
            "SORTED_ASC",
            "nulls are not all at one end",
        ),
        (pl.Series("a", [1, None, 2]).set_sorted(), "SORTED_ASC", "nulls are not all at one end"),
    ],
)
def test_lying_flags_are_named(column: pl.Series, flag: str, why: str) -> None:
    (lie,) = untruthful_flags(column.to_frame())
    assert f"column 'a' (Int64) is flagged {flag}" in lie or f"is flagged {flag}" in lie
    assert why in lie


def execution(frame: pl.DataFrame) -> Execution:
    return Execution(frame, None, 0.0)


def test_classify_reports_a_lying_flag_on_either_side() -> None:
    honest = pl.DataFrame({"k": [3, 1, 2]})
    liar = honest.with_columns(honest["k"].set_sorted())
    outcome, detail = classify(execution(honest), execution(liar), ORDERED)
    assert outcome is Outcome.UNTRUTHFUL_FLAG
    assert detail.startswith("this cell: column 'k' (Int64) is flagged SORTED_ASC")
    outcome, detail = classify(execution(liar), execution(honest), ORDERED)
    assert outcome is Outcome.UNTRUTHFUL_FLAG
    assert detail.startswith("baseline: column 'k'")
    outcome, detail = classify(execution(honest.reverse()), execution(liar), ORDERED)
    assert outcome is Outcome.UNTRUTHFUL_FLAG
    assert "the results also differ" in detail
    assert classify(execution(honest.sort("k")), execution(honest.sort("k")), ORDERED)[0] is (
        Outcome.PASS
    )


def test_catalog_result_with_a_lying_flag_is_untruthful_in_every_variant() -> None:
    """The differential harness checks the flags of every frame a cell returns."""
    (entry,) = [o for o in OPERATIONS if o.name == "sort_multi_key"]
    frame = pl.DataFrame(
        {"k": [2, 1, None, 1], "v": [0.5, 1.5, -1.0, 2.0], "x": ["a", "b", "c", "d"]}
    )

    def flag_v_descending(lf: pl.LazyFrame, df: pl.DataFrame) -> pl.DataFrame:
        return df.with_columns(df["v"].set_sorted(descending=True))

    variants = [BASELINE]
    cells = check(entry.query, [frame], entry.rules, fake_lane("liar", flag_v_descending), variants)
    assert [c.outcome for c in cells] == [Outcome.UNTRUTHFUL_FLAG]
    assert "column 'v' (Float64) is flagged SORTED_DESC" in cells[0].detail
    honest = check(entry.query, [frame], entry.rules, BASELINE_LANE, variants)
    # (the baseline's lane also runs the plan's serialization round trips: variants serde-*)
    assert [c.outcome for c in honest if c.variant == BASELINE.name] == [Outcome.PASS]


# --- the strategy ---------------------------------------------------------------------------------


@settings(max_examples=30, derandomize=True, database=None, deadline=None)
@given(data=st.data())
def test_sorted_frames_are_sorted_in_polars_order(data: st.DataObject) -> None:
    (raw,) = data.draw(orderable_frames([{"s": Key(), "t": Key()}]))
    order = data.draw(sort_orders(["s", "t"]))
    (df,) = data.draw(sorted_frames([raw], order))
    assert df.height == raw.height
    assert df.equals(order.sort(df)), f"not sorted by {order}"
    assert untruthful_flags(df) == []
