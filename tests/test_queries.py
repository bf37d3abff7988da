"""The typed query generator: its queries plan, read back from their source, respect row order,
and a bug planted in one expression builder or one plan step is found and shrunk to a short query.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from polars.exceptions import PanicException
from polars.testing import assert_frame_equal

from conformance.engines.lanes import Lane
from conformance.engines.passes import BASELINE, Variant
from conformance.run import checks, driver
from conformance.run.checks import check_for
from conformance.run.driver import Retire, drive
from reports.outcomes import Outcome
from reports.records import RecordWriter, read_records
from strategies import sample
from strategies.queries import compose, plans, probe
from strategies.queries.compose import Composer, Scope, Shape
from strategies.queries.families import CODE_GLOBALS
from strategies.queries.generate import GeneratedQuery, evaluate, queries
from strategies.queries.table import available

QUICK = settings(
    max_examples=60, database=None, deadline=None, suppress_health_check=list(HealthCheck)
)


# cache ids, fresh per plan: UUIDs on 2.x, pointers (`id: 7f00a46a8e50`) on older releases
_RUN_ID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<=id: )[0-9a-f]+"
)


def _plan(lf: pl.LazyFrame) -> str:
    """The unoptimized plan, cache ids (fresh per call) masked."""
    return _RUN_ID.sub("<id>", lf.explain(optimized=False))


@QUICK
@given(queries())
def test_every_generated_query_plans_and_its_source_is_the_same_query(
    query: GeneratedQuery,
) -> None:
    namespace = dict(CODE_GLOBALS)
    exec(compile(query.source, "<source>", "exec"), namespace)
    frames = [pl.LazyFrame(schema=s) for s in query.schemas]
    try:
        expected = _plan(query.query(*frames))
    except pl.exceptions.PanicException:
        return  # a planning panic is kept as a finding: the check reports it on every lane
    assert _plan(namespace["query"](*frames)) == expected
    assert _plan(evaluate(query.code)(*frames)) == expected
    assert query.steps
    assert query.used
    # the Referee's witnesses are code Polars reads; one it rejects while planning (a filter types
    # its predicate less strictly than a select) is no witness, and does no harm
    for part in query.twins.parts:
        with contextlib.suppress(pl.exceptions.PolarsError, PanicException):
            part.query(*frames).collect_schema()


_UNORDERED = pl.DataFrame(
    {
        "v": [3, -1, None, 7, 3],
        "s": ["b", "", "a", None, "b"],
        "l": [[1, 2], [], None, [3], [1]],
    },
    schema={"v": pl.Int64, "s": pl.String, "l": pl.List(pl.Int8)},
)


@QUICK
@given(st.data())
def test_an_expression_over_unordered_rows_does_not_depend_on_their_order(
    data: st.DataObject,
) -> None:
    """Over rows whose order is not defined, permuting the rows permutes a row-wise result the
    same way and leaves a single value alone: no order-dependent builder reached it."""
    scope = Scope(dict(_UNORDERED.schema), ordered=False)
    node = Composer(data.draw).expr(scope)
    if node is None or isinstance(node.dtype, probe.Panicked):
        return
    expr = evaluate(f"lambda: {node.code}")().alias("out")
    order = pl.Series([4, 2, 0, 3, 1])
    try:
        straight = _UNORDERED.select(expr)
        permuted = _UNORDERED[order].select(expr)
    except (Exception, PanicException):  # an error (or a Polars panic) here: nothing to compare
        return
    # a row-wise result of the rows' height follows them; one of literals alone is one row
    follows = node.shape is Shape.ROW and straight.height == _UNORDERED.height
    expected = straight[order] if follows else straight
    if node.inexact and not straight.dtypes[0].is_float():
        return  # text of an inexact float (a `cut` label) may differ in its last digit
    assert_frame_equal(permuted, expected, check_exact=False)


# the key ties at its maximum (rows 1, 3) and minimum (rows 0, 2, 4: one null, which is skipped)
_TIED = pl.DataFrame({"x": ["a", "b", "c", "d", None, "e"], "k": [1, 5, 1, 5, None, 2]})
# one key value: two rows are kept of six, five of them null
_NULL_CUT = pl.DataFrame(
    {"x": ["a", "b", "c", "d", "e", "f"], "k": [None] * 5 + [7]},
    schema={"x": pl.String, "k": pl.Int64},
)


@pytest.mark.parametrize("name", ["max_by", "min_by"])
@pytest.mark.parametrize("engine", ["in-memory", "streaming"])
def test_max_by_and_min_by_are_drawn_only_where_a_tie_cannot_change_the_answer(
    name: str, engine: str
) -> None:
    """Polars leaves undefined which of the rows tied at the key's extreme `max_by` picks: a
    query that leaves it to the engine would be reported wherever two engines pick differently.
    Each drawn form names its row: the receiver's own extreme, or the last (max) or first (min)
    of the tied rows, as the key's ordinal rank breaks ties by position."""
    forms = [b for b in available() if b.name == f"Expr.{name}"]
    assert forms
    extreme = {"max_by": ("d", 5), "min_by": ("a", 1)}[name]
    for builder in forms:
        if builder.args:
            assert builder.args[0].rows  # a broadcast key would tie on every row
            code = builder.code(['c("x")', 'c("k")'], {})
            expected = extreme[0]
        else:
            code = builder.code(['c("k")'], {})
            expected = extreme[1]
        query = _TIED.lazy().select(evaluate(f"lambda: {code}")())
        assert query.collect(engine=engine).item() == expected, code


@pytest.mark.parametrize("name", ["top_k_by", "bottom_k_by"])
@pytest.mark.parametrize("engine", ["in-memory", "streaming"])
def test_top_k_by_and_bottom_k_by_are_drawn_only_where_a_tie_cannot_change_the_rows(
    name: str, engine: str
) -> None:
    """As for `max_by`: which rows tied at the cut `top_k_by` keeps is undefined, so each drawn
    form names its rows (the receiver's own top values, or the rows of the top ordinal ranks,
    nulls ranked by position below every value: on `_NULL_CUT` the cut falls among the nulls,
    and `_TIED`'s null key is its bottom),
    and their order, which its docs leave undefined too, is free."""
    forms = [b for b in available() if b.name == f"Expr.{name}"]
    assert forms
    assert all(b.order_free for b in forms)
    top = name == "top_k_by"
    for builder in forms:
        if builder.args:
            assert builder.args[0].rows  # a broadcast key would tie on every row
            code = builder.code(['c("x")', 'c("k")'], {"k": "2"})
            cases = [(_TIED, ["b", "d"] if top else ["a", None])]
            cases.append((_NULL_CUT, ["a", "f"] if top else ["d", "e"]))
        else:
            assert not builder.takes_order_free  # the receiver is evaluated twice
            code = builder.code(['c("k")'], {"k": "2"})
            cases = [(_TIED, [5, 5] if top else [1, 1])]
        for frame, expected in cases:
            query = frame.lazy().select(evaluate(f"lambda: {code}")())
            got = query.collect(engine=engine).to_series().to_list()
            assert Counter(got) == Counter(expected), code


_JOIN_SIDES = {
    "a": pl.Schema({"k": pl.Int64, "v": pl.String}),
    "b": pl.Schema({"k": pl.Int64, "w": pl.Float64}),
}


@QUICK
@given(st.data())
def test_a_join_is_ordered_only_where_its_maintain_order_defines_every_row_position(
    data: st.DataObject,
) -> None:
    """`maintain_order="left"` keeps the left side's order but not the order among one left row's
    matches (nor, for "right", where unmatched left rows go): compared in order, a correct engine
    would be reported. Both orders, or a semi/anti join's left order, define every position."""
    sides = {n: plans.Plan(n, s, ordered=True, lines=(n,)) for n, s in _JOIN_SIDES.items()}
    ctx = plans.Context(Composer(data.draw), sides, dict(_JOIN_SIDES))
    plan = plans.join(ctx, sides["a"])
    if plan is None:
        return
    how = re.search(r"how='(\w+)'", plan.code)
    maintain = re.search(r"maintain_order='(\w+)'", plan.code)
    assert how is not None
    if how[1] == "cross" or maintain is None or maintain[1] == "none":
        assert not plan.ordered
    elif maintain[1] in ("left_right", "right_left"):
        assert plan.ordered  # each row's place is defined by both sides' orders
    elif how[1] in ("semi", "anti"):  # the left side's rows: its order defines theirs
        assert plan.ordered == (maintain[1] == "left")
    else:  # one side's order: the order among one row's several matches is not defined
        assert not plan.ordered


def test_the_sample_command_prints_the_same_queries_for_the_same_seed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sample.main(["--n", "5", "--seed", "3"])
    first = capsys.readouterr().out
    sample.main(["--n", "5", "--seed", "3"])
    assert capsys.readouterr().out == first
    assert first.count("query = (") == 5


# --- planted bugs: found by the generator through the one driver, and shrunk -------------------


def _lane(broken: str) -> Lane:
    """Collects in memory, then loses the last row (or makes a null row of an empty result)
    whenever the plan holds `broken` (a builder's or a step's mark in the plan's JSON form)."""

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        df = lf.collect(engine="in-memory", **variant.collect_kwargs())
        with warnings.catch_warnings():  # JSON plans are deprecated on 2.x; the plant reads one
            warnings.simplefilter("ignore")
            try:
                plan = lf.serialize(format="json")
            except Exception:  # a plan JSON cannot hold (a Python UDF): nothing planted here
                return df
        if broken not in plan:
            return df
        return df.head(-1) if df.height else df.clear(1)  # a row lost, or a null row made

    return Lane(
        "planted",
        f"in-memory, then a row lost (or made) where the plan holds {broken}",
        lambda: None,
        collect,
    )


@pytest.fixture
def profile() -> Iterator[None]:
    settings.register_profile(
        "queries-test",
        max_examples=60,
        database=None,
        derandomize=True,  # the same examples on every run: the test passes or fails for good
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    previous = settings._current_profile
    settings.load_profile("queries-test")
    yield
    settings.load_profile(previous or "default")


def _found(tmp_path: Path, lane: Lane, monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    # short queries: each example runs fast, and a planted step is a large part of each
    monkeypatch.setattr(checks, "queries", functools.partial(queries, max_steps=3))
    # Polars' own failures (a panic on some generated query) are not what this test looks for:
    # taken as explained, they are recorded and not shrunk
    monkeypatch.setattr(
        driver,
        "_known",
        lambda issues, subject, cells: {
            (c.lane, c.variant): "not the plant"
            for c in cells
            if c.outcome.is_failure and c.outcome is not Outcome.MISMATCH
        },
    )
    writer = RecordWriter(tmp_path, "planted-item")
    # a generous limit: beside other tests' processes a slow query must not retire the run
    options = SimpleNamespace(variants=[BASELINE], timeout_s=90.0, known_issues=[])
    try:
        drive(check_for("query", "query"), [lane], options, writer, "planted-item", "pytest x")
    except (AssertionError, Retire):  # the findings (or a slow query's retirement): recorded
        pass
    finally:
        writer.close()
    records = read_records(tmp_path)
    found = [r for r in records if r["outcome"] == "mismatch"]
    assert found, f"the plant was not found; recorded: {Counter(r['outcome'] for r in records)}"
    return found


def _ends_at_plant(record: dict, mark: str) -> None:
    """The shrunk query's last step is the planted one: every step after it was dropped. (A step
    before it goes only where no later draw reads the columns it made, so it may stay.)"""
    lines = [ln for ln in record["reproduce"]["query"].splitlines() if ln.strip()]
    assert lines[0] == "query = (", lines
    assert lines[-1] == ")", lines
    assert mark in lines[-2], lines


def test_a_bug_in_one_expression_builder_is_found_and_shrunk(
    profile: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small table keeps the planted builder within reach of a short run (in one query of four;
    # Hypothesis' examples come in runs of near copies, so a rarer one is missed in some processes)
    names = {"Expr.cum_sum", "Expr.abs", "Expr.is_null", "op.+", "op.>"}
    table = tuple(b for b in available() if b.name in names)
    monkeypatch.setattr(compose, "available", lambda: table)
    kept = ("filter", "with_columns", "select", "sort")  # no step that multiplies rows
    monkeypatch.setattr(plans, "STEPS", {k: v for k, v in plans.STEPS.items() if k in kept})
    found = _found(tmp_path, _lane('"CumSum"'), monkeypatch)
    _ends_at_plant(found[0], "cum_sum")


def test_a_bug_in_one_plan_step_is_found_and_shrunk(
    profile: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A few steps keep the planted one within reach of a short run.
    kept = ("filter", "with_columns", "select", "sort", "rename")
    steps = {k: v for k, v in plans.STEPS.items() if k in kept}
    # drawn as often as a filter: the run is about finding and shrinking, and Hypothesis' examples
    # come in runs of near copies, so a rare step would be missed in some processes
    steps["rename"] = (steps["rename"][0], steps["filter"][1])
    monkeypatch.setattr(plans, "STEPS", steps)
    found = _found(tmp_path, _lane('"Rename"'), monkeypatch)
    _ends_at_plant(found[0], ".rename(")
    assert json.dumps(found[0]["reproduce"]["inputs"])  # recorded with its minimal input


def _context(choices: dict[str, object]) -> plans.Context:
    """A plan context whose draws are fixed by label."""
    schemas = {"a": {"s": pl.String}}
    inputs = {"a": plans.Plan("a", schemas["a"], ordered=True, lines=("a",))}
    return plans.Context(Composer(lambda strategy, label=None: choices[label]), inputs, schemas)


def test_a_step_that_takes_no_row_of_its_input_passes_on_none_of_its_parts() -> None:
    """A query's parts are work its unoptimized evaluation does (the Referee's witnesses that an
    error is the query's own); `head(0)` or `clear()` of a plan may never evaluate it, so the
    plan's parts are not the new plan's."""
    code = "a.with_columns(t=c('s').str.to_integer())"
    plan = plans.Plan(code, {"s": pl.String, "t": pl.Int64}, ordered=True, lines=("a", code[1:]))
    for choices, kept in (
        ({"slice kind": "head", "n": 2}, True),
        ({"slice kind": "head", "n": 0}, False),
        ({"slice kind": "slice", "offset": 1, "length": "0"}, False),
    ):
        step = plans.slice_(_context(choices), plan)
        assert step is not None
        assert (code in step.parts) is kept, choices
    for choices, kept in (({"rebuild": "clone"}, True), ({"rebuild": "clear", "n": 2}, False)):
        step = plans.reshape_identity(_context(choices), plan)
        assert step is not None
        assert (code in step.parts) is kept, choices
