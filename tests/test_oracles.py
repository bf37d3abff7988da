"""Planted bugs the metamorphic oracles must catch, and honest runs they must pass.

Each oracle gets one bug its relation exposes: a lane whose collect corrupts one kind of query (it
sees the query's unoptimized plan), or a Polars API monkeypatched to misbehave. The oracle's draws
are scripted so the fixed input shows the bug; the same oracle passes that input unbroken, and a few
Hypothesis-drawn ones on the in-memory lane. The predicate strategy is checked to draw predicates
that evaluate, and mean what their source says, on every dtype the catalog generates.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from polars.lazyframe.group_by import LazyGroupBy

from conformance.engines.lanes import BASELINE_LANE, Lane
from conformance.properties import PROPERTIES
from conformance.properties.metamorphic import PREDICATE_FRAME
from conformance.properties.property import Property, run_property
from reports.outcomes import Outcome
from strategies.frames import frame_inputs
from strategies.predicates import (
    SOURCE_NAMESPACE,
    Predicate,
    SqlPredicate,
    predicates,
    row_predicate,
    sql_predicates,
)
from tests.planted import Scripted, planted_lane

c = pl.col
TIMEOUT_S = 60.0
ORACLES = {p.name: p for p in PROPERTIES if p.family == "metamorphic"}

# One frame every oracle can read: keys with a null, floats with a null and a NaN, an integer
# column to sort by, strings for the SQL ones; no two rows alike (PQS finds its pivot by value).
FRAME = pl.DataFrame(
    {
        "k": [1, 2, None, 1, 2, 3],
        "v": [0.5, None, -1.0, 2.0, math.nan, 4.0],
        "a": [3, 1, 2, None, 5, 4],
        "s": ["a", "b", None, "ab", "ba", "c"],
    }
)
V_POSITIVE = Predicate(c("v") > 0, "c('v') > 0")
SQL_V_POSITIVE = SqlPredicate("v > 0", V_POSITIVE)
# keeps the row whose `v` is null
S_NOT_NULL = SqlPredicate("s IS NOT NULL", Predicate(c("s").is_not_null(), "c('s').is_not_null()"))


def run(name: str, draws: Mapping[str, object], lane: Lane | None = None) -> tuple[Outcome, str]:
    cell = run_property(ORACLES[name], lane or planted_lane(), (FRAME,), Scripted(draws), TIMEOUT_S)  # type: ignore[arg-type]
    return cell.outcome, cell.detail


# --- the bugs -----------------------------------------------------------------------------------


def null_as_true_negation(monkeypatch: pytest.MonkeyPatch) -> None:
    """`~p` is true where `p` is null: the null rows land in two TLP partitions."""
    invert = pl.Expr.__invert__
    monkeypatch.setattr(pl.Expr, "__invert__", lambda self: invert(self).fill_null(True))


def filtered_group_by_drops_null_key(plan: str, df: pl.DataFrame) -> pl.DataFrame:
    """A group_by over a filter loses the null key's group."""
    return df.filter(c("k").is_not_null()) if "AGGREGATE" in plan and "FILTER" in plan else df


def filtered_len_off_by_one(plan: str, df: pl.DataFrame) -> pl.DataFrame:
    """`len()` after a filter counts one row too many."""
    if "len()" in plan and "FILTER" in plan:
        return df.with_columns(pl.all() + 1)
    return df


def filter_drops_last_row(plan: str, df: pl.DataFrame) -> pl.DataFrame:
    return df.head(-1) if "FILTER" in plan else df


def filter_over_projection_drops_last_row(plan: str, df: pl.DataFrame) -> pl.DataFrame:
    """Only a filter on top of a projection loses a row: `select().filter()` differs."""
    return df.head(-1) if plan.startswith("FILTER") else df


def sorting_sorted_rows_swaps_two(plan: str, df: pl.DataFrame) -> pl.DataFrame:
    """Sorting rows that are already sorted swaps the first two."""
    if plan.count("SORT BY") < 2 or df.height < 2:
        return df
    return pl.concat([df.slice(1, 1), df.slice(0, 1), df.slice(2)])


def top_k_nulls_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """`top_k` ranks nulls above every value."""

    def top_k(self: pl.LazyFrame, k: int, *, by: list[str], reverse: list[bool]) -> pl.LazyFrame:
        return self.sort(by, descending=[not r for r in reverse], nulls_last=False).head(k)

    monkeypatch.setattr(pl.LazyFrame, "top_k", top_k)


def unique_of_unique_drops_a_row(plan: str, df: pl.DataFrame) -> pl.DataFrame:
    return df.slice(1) if plan.count("UNIQUE") >= 2 else df


def group_head_keeps_one_more(monkeypatch: pytest.MonkeyPatch) -> None:
    """`group_by().head(n)` keeps each group's first n + 1 rows."""
    head = LazyGroupBy.head
    monkeypatch.setattr(LazyGroupBy, "head", lambda self, n=5: head(self, n + 1))


def sql_ignores_nulls_first(monkeypatch: pytest.MonkeyPatch) -> None:
    sql = pl.LazyFrame.sql
    monkeypatch.setattr(
        pl.LazyFrame,
        "sql",
        lambda self, query: sql(self, query.replace("NULLS FIRST", "NULLS LAST")),
    )


def sql_count_star_skips_nulls(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQL COUNT(*) counts like COUNT(v): rows with a null `v` are not counted."""
    execute = pl.SQLContext.execute
    monkeypatch.setattr(
        pl.SQLContext,
        "execute",
        lambda self, query, **kwargs: execute(
            self, query.replace("COUNT(*)", "COUNT(v)"), **kwargs
        ),
    )


def sql_expr_null_is_false(monkeypatch: pytest.MonkeyPatch) -> None:
    """`pl.sql_expr` turns a comparison with NULL into false."""
    sql_expr = pl.sql_expr
    monkeypatch.setattr(pl, "sql_expr", lambda sql: sql_expr(sql).fill_null(False))


# (oracle, scripted draws, a lane corruption, or a monkeypatch, and what the detail must say)
ORDER_BY = {"ORDER BY": ["v", "k", "s"], "DESC": [False] * 3, "NULLS LAST": [False, True, True]}
CASES = [
    ("oracle.tlp_filter", {"predicate": V_POSITIVE}, null_as_true_negation, "are not the input"),
    (
        "oracle.tlp_group_by",
        {"predicate": V_POSITIVE},
        filtered_group_by_drops_null_key,
        "recombined",
    ),
    ("oracle.norec", {"predicate": V_POSITIVE}, filtered_len_off_by_one, "select(p.sum())"),
    ("oracle.pqs", {"pivot row": 3, "predicate": V_POSITIVE}, filter_drops_last_row, "row 3"),
    (
        "oracle.filter_select",
        {"predicate": V_POSITIVE, "more columns": ["s"], "column order": ["s", "v"]},
        filter_over_projection_drops_last_row,
        "filter(p).select(['s', 'v'])",
    ),
    (
        "oracle.sort_idempotent",
        {"by": ["a"], "directions": [False], "nulls_last": True},
        sorting_sorted_rows_swaps_two,
        "twice != once",
    ),
    (
        "oracle.top_k",
        {"by": ["a"], "directions": [False], "k": 2, "bottom_k": False},
        top_k_nulls_first,
        "top_k(2, by=['a']",
    ),
    (
        "oracle.unique_idempotent",
        {"subset": ["k"], "keep": "first", "maintain_order": True},
        unique_of_unique_drops_a_row,
        "twice != once",
    ),
    (
        "oracle.group_head",
        {"keys": ["k"], "n": 1, "tail": False, "maintain_order": True},
        group_head_keeps_one_more,
        "head(1) != the rows filter(first 1 of each group) keeps",
    ),
    ("oracle.sql_select", {"WHERE": S_NOT_NULL, **ORDER_BY}, sql_ignores_nulls_first, "NULLS"),
    (
        "oracle.sql_group_by",
        {
            "WHERE": SqlPredicate(
                "k IS NOT NULL", Predicate(c("k").is_not_null(), "c('k').is_not_null()")
            )
        },
        sql_count_star_skips_nulls,
        "GROUP BY k",
    ),
    ("oracle.sql_expr", {"condition": SQL_V_POSITIVE}, sql_expr_null_is_false, "select:"),
]
CASE_IDS = [case[0] for case in CASES]


def test_every_oracle_has_a_planted_bug() -> None:
    assert sorted(CASE_IDS) == sorted(ORACLES)


@pytest.mark.parametrize(("name", "draws", "bug", "says"), CASES, ids=CASE_IDS)
def test_planted_bug_is_an_oracle_violation(
    name: str, draws: dict, bug: Callable, says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if reason := ORACLES[name].unavailable_reason():
        pytest.skip(reason)
    if bug.__code__.co_argcount == 1:  # a monkeypatch of a Polars API
        bug(monkeypatch)
        lane = planted_lane()
    else:
        lane = planted_lane(bug)
    outcome, detail = run(name, draws, lane)
    assert outcome == Outcome.ORACLE_VIOLATION, detail
    assert says in detail, detail


@pytest.mark.parametrize(("name", "draws"), [case[:2] for case in CASES], ids=CASE_IDS)
def test_unbroken_oracle_passes_the_same_input(name: str, draws: dict) -> None:
    if reason := ORACLES[name].unavailable_reason():
        pytest.skip(reason)
    outcome, detail = run(name, draws)
    assert outcome == Outcome.PASS, detail


@pytest.mark.parametrize("prop", ORACLES.values(), ids=list(ORACLES))
def test_oracle_passes_drawn_inputs(prop: Property) -> None:
    if reason := prop.unavailable_reason():
        pytest.skip(reason)

    @settings(max_examples=4, deadline=None, database=None, derandomize=True)
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        frames = data.draw(prop.inputs, label="input frames")
        cell = run_property(prop, BASELINE_LANE, frames, data, TIMEOUT_S)
        assert cell.outcome == Outcome.PASS, cell.detail

    check()


# --- the predicate strategy ---------------------------------------------------------------------

DRAWS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def filtered(df: pl.DataFrame, predicate: pl.Expr) -> pl.DataFrame:
    return df.lazy().filter(predicate).collect(engine="in-memory")


@DRAWS
@given(data=st.data())
def test_predicates_evaluate_on_every_catalog_dtype(data: st.DataObject) -> None:
    (df,) = data.draw(frame_inputs([PREDICATE_FRAME]), label="frame")
    p = data.draw(predicates(df), label="predicate")
    assert df.lazy().select(p.expr).collect_schema().dtypes() == [pl.Boolean], p
    got = filtered(df, p.expr)
    again = filtered(df, eval(p.source, SOURCE_NAMESPACE))  # the source means the same
    assert got.equals(again), p


@DRAWS
@given(data=st.data())
def test_row_predicate_holds_for_its_row(data: st.DataObject) -> None:
    (df,) = data.draw(frame_inputs([PREDICATE_FRAME]).filter(lambda dfs: dfs[0].height > 0))
    index = data.draw(st.integers(0, df.height - 1), label="row")
    p = row_predicate(df, index)
    assert df.slice(index, 1).select(p.expr).item() is True, p
    assert filtered(df.slice(index, 1), eval(p.source, SOURCE_NAMESPACE)).height == 1, p


def test_sql_predicate_means_its_expression() -> None:
    df = FRAME.select("k", "v", "s")

    @DRAWS
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        where = data.draw(sql_predicates(df, df.columns), label="WHERE")
        sql = df.lazy().sql(f"SELECT * FROM self WHERE {where.sql}").collect()
        assert sql.equals(filtered(df, where.predicate.expr)), where

    check()


def test_nested_columns_only_get_null_tests() -> None:
    df = pl.DataFrame({"x": [[1], None], "y": [{"f0": 1}, None]})

    @DRAWS
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        p = data.draw(predicates(df), label="predicate")
        assert "is_null" in p.source or "is_not_null" in p.source, p
        filtered(df, p.expr)

    check()


def test_group_head_tail_of_a_group_shorter_than_n_passes() -> None:
    """tail(n) of a group of fewer than n rows keeps all of them (the group's length is unsigned:
    `len() - n` would wrap and the reference would keep none)."""
    draws = {"keys": ["k"], "n": 2 * FRAME.height, "tail": True, "maintain_order": False}
    outcome, detail = run("oracle.group_head", draws)
    assert outcome == Outcome.PASS, detail
