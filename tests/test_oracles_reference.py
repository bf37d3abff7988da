"""The oracles beside the baseline: the planned schema, the eager twin, DuckDB, and the verdict on
which side of a disagreement is wrong. Each is planted (a lane, a method or a whole Polars that
lies), caught, classified and reproduced standalone."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from conformance.catalog import OPERATIONS, Operation
from conformance.engines.execute import Execution
from conformance.engines.lanes import BASELINE_LANE, LANES, Lane
from conformance.engines.passes import BASELINE, NONE, Variant, variant_by_name
from conformance.judge import harness, reference, semantics
from conformance.judge.compare import ORDERED
from conformance.judge.duck import Sql
from conformance.judge.harness import DUCKDB, EAGER, Cell, check, planned_schema
from conformance.judge.reference import Twins, verdict
from reports.analysis import analyse
from reports.html import render_html
from reports.markdown import render_markdown
from reports.outcomes import Outcome
from reports.records import encode_frames
from reports.reproducer import write_reproducer
from strategies import dtypes as D
from strategies.frames import Col

OPS = {op.name: op for op in OPERATIONS}
STREAMING = next(lane for lane in LANES if lane.name == "streaming")
KEYED = pl.DataFrame(
    {"k": [1, 2, 1, None, 2, 3], "v": [4, -2, 7, 1, None, 5], "x": ["a", "b", "a", "c", "", "ü"]},
    schema={"k": pl.Int64, "v": pl.Int64, "x": pl.String},
)
JOIN_RIGHT = pl.DataFrame({"k": [1, 1, 3, None], "b": ["p", "q", "r", "s"]})
PLAIN = "the plain reference"


@pytest.fixture(autouse=True)
def fresh_plain_reference() -> Iterator[None]:
    """Each test starts its own plain reference: its child process keeps the environment it
    started with, and one started while another test had a bug planted on PYTHONPATH (the
    one-thread plant of test_configurations) would keep that bug for the rest of the session."""
    reference._plain.kill()
    yield
    reference._plain.kill()


def planted_lane(corrupt: Callable[[pl.DataFrame], pl.DataFrame]) -> Lane:
    """The in-memory engine, then `corrupt` applied to every result."""

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        return corrupt(lf.collect(engine="in-memory", **variant.collect_kwargs()))

    return Lane("planted", "in-memory, then a planted corruption", lambda: None, collect)


def by_variant(cells: list[Cell]) -> dict[str, Cell]:
    return {c.variant: c for c in cells}


def run_reproducer(
    tmp_path: Path, op: Operation, frames: list[pl.DataFrame], cell: Cell, planted: str | None
) -> subprocess.CompletedProcess[str]:
    """Write the cell's reproducer from its record alone and run it, with `planted` as the
    reproducer process's sitecustomize (the same bug, planted inside that Polars)."""
    assert cell.script is not None
    record: dict[str, Any] = {
        "operation": op.name,
        "lane": cell.lane,
        "variant": cell.variant,
        "outcome": cell.outcome.value,
        "detail": cell.detail,
        "polars_version": pl.__version__,
        "reproduce": {
            "query": op.source(),
            "inputs": encode_frames(frames),
            "script": cell.script,
        },
    }
    path = write_reproducer(tmp_path / f"{op.name}-{cell.variant}.py", record)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if planted is not None:
        site = tmp_path / "site"
        site.mkdir(exist_ok=True)
        (site / "sitecustomize.py").write_text(planted, encoding="utf-8")
        env["PYTHONPATH"] = str(site)
    return subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, env=env, timeout=120
    )


# --- planned schema -------------------------------------------------------------------------


def test_a_lane_that_agrees_with_the_baseline_but_not_the_plan_is_a_schema_mismatch() -> None:
    op = OPS["filter"]
    narrow = planted_lane(lambda df: df.with_columns(pl.col("v").cast(pl.Int32)))
    lied = narrow.collect(op.query(KEYED.lazy()), BASELINE, 60)
    baseline = Execution(lied, None, 0.0)  # a baseline that shares the lane's dtype
    (cell,) = check(op.query, [KEYED], op.rules, narrow, [BASELINE], baseline=baseline)
    assert cell.outcome is Outcome.SCHEMA_MISMATCH, cell.detail
    assert "column 'v' is Int32, planned Int64" in cell.detail


def test_a_lane_that_differs_from_both_stays_a_mismatch_and_says_the_schema_differs() -> None:
    op = OPS["filter"]
    narrow = planted_lane(lambda df: df.with_columns(pl.col("v").cast(pl.Int32)))
    (cell,) = check(op.query, [KEYED], op.rules, narrow, [BASELINE])
    assert cell.outcome is Outcome.MISMATCH
    assert "column 'v' is Int32, planned Int64" in cell.detail


# A UDF that declares one schema and returns another: every lane's result differs from the plan.
LYING_UDF = Operation(
    "lying_udf",
    lambda lf: lf.map_batches(
        lambda df: df.with_columns(pl.col("v").cast(pl.Int32)),
        schema={"k": pl.Int64, "v": pl.Int64, "x": pl.String},
        validate_output_schema=False,
    ),
    ({"k": Col(D.keys), "v": Col(D.integers), "x": Col(D.strings)},),
)


def test_a_plan_that_lies_about_its_schema_is_caught_and_reproduced(tmp_path: Path) -> None:
    op = LYING_UDF
    cells = by_variant(check(op.query, [KEYED], op.rules, BASELINE_LANE, [BASELINE]))
    cell = cells[BASELINE.name]
    assert cell.outcome is Outcome.SCHEMA_MISMATCH, cell.detail
    assert cell.outcome.is_failure
    run = run_reproducer(tmp_path, op, [KEYED], cell, planted=None)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "not the planned one" in run.stdout


def test_a_query_whose_planning_raises_is_no_schema_finding() -> None:
    def query(lf: pl.LazyFrame) -> pl.LazyFrame:
        return lf.select(pl.col("missing"))

    assert planned_schema(query, [KEYED], 60) is None
    (cell,) = check(query, [KEYED], ORDERED, STREAMING, [BASELINE])
    assert cell.outcome is Outcome.CONSISTENT_ERROR


# --- eager twin -----------------------------------------------------------------------------

# Plants the bug for the eager API only: DataFrame.unique drops its last row.
_EAGER_UNIQUE_DROPS_A_ROW = """
import polars as pl
_unique = pl.DataFrame.unique
pl.DataFrame.unique = lambda self, *args, **kwargs: _unique(self, *args, **kwargs).head(-1)
"""


def test_an_eager_method_that_differs_from_its_lazy_twin_is_caught_judged_and_reproduced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    op = OPS["unique_any"]
    unique = pl.DataFrame.unique
    monkeypatch.setattr(pl.DataFrame, "unique", lambda self, *a, **k: unique(self, *a, **k)[:-1])
    cells = by_variant(
        check(op.query, [KEYED], op.rules, BASELINE_LANE, [BASELINE], twins=op.twins())
    )
    assert cells[BASELINE.name].outcome is Outcome.PASS
    eager = cells[EAGER]
    assert eager.lane == BASELINE_LANE.name
    assert eager.outcome is Outcome.MISMATCH, eager.detail
    assert eager.verdict is not None
    assert eager.verdict.startswith("lane wrong: ")  # the eager side is wrong
    assert f"{PLAIN}" in eager.verdict
    assert "DuckDB agrees with the baseline" in eager.verdict
    assert cells[DUCKDB].outcome is Outcome.PASS
    monkeypatch.undo()
    planted = run_reproducer(tmp_path, op, [KEYED], eager, _EAGER_UNIQUE_DROPS_A_ROW)
    assert planted.returncode == 1, planted.stdout + planted.stderr
    fixed = run_reproducer(tmp_path, op, [KEYED], eager, planted=None)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr


def test_a_declared_eager_spelling_is_embedded_in_its_reproducer(tmp_path: Path) -> None:
    op = Operation(
        "declared_eager",
        lambda lf: lf.sort("k", nulls_last=True, maintain_order=True),
        ({"k": Col(D.keys), "v": Col(D.integers), "x": Col(D.strings)},),
        eager=lambda df: df.sort("k", nulls_last=False, maintain_order=True),
    )
    cells = by_variant(
        check(op.query, [KEYED], op.rules, BASELINE_LANE, [BASELINE], twins=op.twins())
    )
    assert cells[EAGER].outcome is Outcome.MISMATCH
    run = run_reproducer(tmp_path, op, [KEYED], cells[EAGER], planted=None)
    assert run.returncode == 1, run.stdout + run.stderr


def test_a_query_whose_code_is_lazy_only_has_no_eager_cell() -> None:
    op = OPS["cache_used_twice"]
    cells = by_variant(
        check(op.query, [KEYED], op.rules, BASELINE_LANE, [BASELINE], twins=op.twins())
    )
    assert EAGER not in cells


# --- DuckDB and the verdict -------------------------------------------------------------------

# Plants a bug in every Polars engine of the process: group_by_then_filter's totals are one high.
_TOTALS_ONE_HIGH = """
import polars as pl
_collect = pl.LazyFrame.collect
def collect(self, *args, **kwargs):
    out = _collect(self, *args, **kwargs)
    return out.with_columns(pl.col("total") + 1) if "total" in out.columns else out
pl.LazyFrame.collect = collect
"""


def _totals_one_high(df: pl.DataFrame) -> pl.DataFrame:
    return df.with_columns(pl.col("total") + 1) if "total" in df.columns else df


def test_a_baseline_wrong_on_every_engine_is_found_by_duckdb_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    op = OPS["group_by_then_filter"]
    collect = pl.LazyFrame.collect
    monkeypatch.setattr(
        pl.LazyFrame, "collect", lambda self, *a, **k: _totals_one_high(collect(self, *a, **k))
    )
    plain = harness.run_plain  # the child process runs its own Polars: the same bug, planted
    monkeypatch.setattr(
        harness,
        "run_plain",
        lambda *args: Execution(_totals_one_high(plain(*args).frame), None, 0.0),
    )
    variants = [BASELINE, variant_by_name(NONE)]
    engines = check(op.query, [KEYED], op.rules, STREAMING, variants)
    assert [c.outcome for c in engines] == [Outcome.PASS, Outcome.PASS]
    cells = by_variant(
        check(op.query, [KEYED], op.rules, BASELINE_LANE, variants, twins=op.twins())
    )
    assert cells[BASELINE.name].outcome is Outcome.PASS
    assert cells["none"].outcome is Outcome.PASS
    duck = cells[DUCKDB]
    assert duck.outcome is Outcome.MISMATCH, duck.detail
    assert duck.verdict == (
        "baseline wrong: the plain reference (in-memory, every optimization off, 1 thread) "
        "agrees with the baseline: every Polars run shares it"
    )
    monkeypatch.undo()
    planted = run_reproducer(tmp_path, op, [KEYED], duck, _TOTALS_ONE_HIGH)
    assert planted.returncode == 1, planted.stdout + planted.stderr
    assert "DuckDB" in planted.stdout
    fixed = run_reproducer(tmp_path, op, [KEYED], duck, planted=None)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr


def test_a_wrong_lane_is_judged_lane_wrong_by_both_references() -> None:
    op = OPS["join_inner"]
    (cell,) = check(
        op.query,
        [KEYED.select("k", a="x"), JOIN_RIGHT],
        op.rules,
        planted_lane(lambda df: df[1:]),
        [BASELINE],
        twins=op.twins(),
    )
    assert cell.outcome is Outcome.MISMATCH
    assert cell.verdict == (
        "lane wrong: the plain reference (in-memory, every optimization off, 1 thread) agrees "
        "with the baseline; DuckDB agrees with the baseline"
    )


def test_a_wrong_baseline_is_judged_baseline_wrong(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only this process's in-memory engine is wrong: the streaming lane, the plain reference
    (a child process) and DuckDB agree with each other."""
    op = OPS["join_inner"]
    collect = pl.LazyFrame.collect

    def in_memory_drops_a_row(self: pl.LazyFrame, *args: Any, **kwargs: Any) -> pl.DataFrame:
        out = collect(self, *args, **kwargs)
        return out[1:] if kwargs.get("engine") == "in-memory" else out

    monkeypatch.setattr(pl.LazyFrame, "collect", in_memory_drops_a_row)
    frames = [KEYED.select("k", a="x"), JOIN_RIGHT]
    (cell,) = check(op.query, frames, op.rules, STREAMING, [BASELINE], twins=op.twins())
    assert cell.outcome is Outcome.MISMATCH
    assert cell.verdict == (
        "baseline wrong: the plain reference (in-memory, every optimization off, 1 thread) agrees "
        "with the lane; DuckDB agrees with the lane"
    )


def test_references_that_split_say_so() -> None:
    said = verdict([("A", True, False), ("B", False, True)])
    assert said == "references disagree: A agrees with the baseline; B agrees with the lane"
    assert verdict([]) is None


# --- what DuckDB cannot take, by design ------------------------------------------------------


def test_every_semantic_difference_says_why() -> None:
    assert semantics.DIFFERENCES
    for row in semantics.DIFFERENCES:
        assert row.topic.strip()
        assert len(row.reason) > 30, row


@pytest.mark.parametrize(
    ("frame", "unsupported_because"),
    [
        (
            pl.DataFrame({"a": [1, 2], "b": [3, 4]}, schema={"a": pl.Int128, "b": pl.Int8}),
            "128-bit",
        ),
        (
            pl.DataFrame({"a": [127, 1], "b": [1, 1]}, schema={"a": pl.Int8, "b": pl.Int8}),
            "overflow",
        ),
    ],
)
def test_what_duckdb_cannot_take_is_unsupported_with_its_reason(
    frame: pl.DataFrame, unsupported_because: str
) -> None:
    op = OPS["select_arithmetic"]
    cells = by_variant(
        check(op.query, [frame], op.rules, BASELINE_LANE, [BASELINE], twins=op.twins())
    )
    assert cells[DUCKDB].outcome is Outcome.UNSUPPORTED
    assert unsupported_because in cells[DUCKDB].detail


def test_a_column_the_sql_never_reads_cannot_make_it_unsupported() -> None:
    op = Operation(
        "reads_k_only",
        lambda lf: lf.select("k"),
        ({"k": Col(D.keys), "d": Col(D.durations)},),
        sql=Sql("SELECT k FROM self"),
    )
    frame = pl.DataFrame(
        {"k": [1, None], "d": [None, None]}, schema={"k": pl.Int8, "d": pl.Duration()}
    )
    cells = by_variant(
        check(op.query, [frame], op.rules, BASELINE_LANE, [BASELINE], twins=op.twins())
    )
    assert cells[DUCKDB].outcome is Outcome.PASS, cells[DUCKDB].detail


def test_a_panic_comparing_duckdbs_result_is_that_cells_outcome(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Polars may panic on a frame made from DuckDB's Arrow (a list child of another dtype): the
    DuckDB cell is a panic, and the run goes on."""
    from polars.exceptions import PanicException

    def panics(*args: object) -> str | None:
        raise PanicException("ListArray's child's DataType must match")

    monkeypatch.setattr(harness, "difference", panics)
    op = OPS["filter"]
    cells = by_variant(
        check(op.query, [KEYED], op.rules, BASELINE_LANE, [BASELINE], twins=op.twins())
    )
    assert cells[DUCKDB].outcome is Outcome.PANIC
    assert (
        "comparing DuckDB's result with the baseline raised PanicException" in cells[DUCKDB].detail
    )


def test_without_duckdb_its_cells_are_unsupported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(harness, "duckdb_missing", lambda: "duckdb is not installed")
    op = OPS["filter"]
    cells = by_variant(
        check(op.query, [KEYED], op.rules, BASELINE_LANE, [BASELINE], twins=op.twins())
    )
    assert cells[DUCKDB].outcome is Outcome.UNSUPPORTED
    assert cells[DUCKDB].detail == "duckdb is not installed"


def test_twins_run_on_the_baseline_lane_only() -> None:
    op = OPS["filter"]
    cells = check(op.query, [KEYED], op.rules, STREAMING, [BASELINE], twins=op.twins())
    assert [c.variant for c in cells] == [BASELINE.name]


def test_sql_twins_name_their_tables() -> None:
    for op in OPERATIONS:
        if op.sql is not None:
            assert len(op.sql.tables) == len(op.inputs), op.name
    assert Twins().eager is None


# --- reports --------------------------------------------------------------------------------


def test_reports_show_which_side_is_wrong(tmp_path: Path) -> None:
    record = {
        "operation": "join_inner",
        "lane": "streaming",
        "variant": "all-on",
        "outcome": "mismatch",
        "polars_version": pl.__version__,
        "duration_s": 0.0,
        "test_id": "join_inner-streaming",
        "detail": "DataFrames are different (height mismatch)",
        "reproduce": {},
        "verdict": "baseline wrong: the plain reference agrees with the lane",
    }
    results = {"records": [record], "lanes": {"streaming": "available"}, "checks": ["join_inner"]}
    run = analyse(results, tmp_path)
    assert run.new_findings[0].verdicts == ["baseline wrong x1"]
    markdown = render_markdown(run)
    assert (
        "which side is wrong: baseline wrong: the plain reference agrees with the lane" in markdown
    )
    assert "| baseline wrong x1 |" in markdown
    assert "which side is wrong: baseline wrong" in render_html(run)
