"""Generated pipelines: valid queries whose code is the query, most of them rewritten by the
optimizer, and a planted optimizer bug caught by the pipeline test with its culprit and a
standalone reproducer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import hypothesis.strategies as st
import polars as pl
from hypothesis import given, settings

from benchmarks.plan_rewrites import draw_pipelines, measure
from conformance.engines.passes import discover_passes
from conformance.judge.harness import run_baseline
from conformance.judge.known_issues import match, parse_registry
from strategies.frames import frame_inputs
from strategies.pipelines import STEP_KINDS, evaluate, pipelines

ROOT = Path(__file__).resolve().parent.parent


@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_pipelines_collect_with_the_columns_the_strategy_tracked(data: st.DataObject) -> None:
    pipeline = data.draw(pipelines(), label="pipeline")
    frames = data.draw(frame_inputs(pipeline.inputs), label="input frames")
    planned = pipeline.query(*(f.lazy() for f in frames)).collect_schema()
    assert list(planned) == list(pipeline.columns), pipeline.source
    result = run_baseline(pipeline.query, frames, timeout_s=60)
    assert result.exception is None, f"{pipeline.source}\nraised {result.exception!r}"
    assert result.frame is not None
    assert result.frame.columns == list(pipeline.columns)


@settings(max_examples=50, deadline=None)
@given(pipeline=pipelines())
def test_the_recorded_source_is_the_query_that_ran(pipeline) -> None:
    namespace: dict[str, object] = {"pl": pl, "c": pl.col}
    exec(pipeline.source, namespace)  # as a reproducer runs it: `pl` and `c` only
    frames = [pl.DataFrame(schema=schema).lazy() for schema in pipeline.schemas]
    ran = pipeline.query(*frames).explain(optimized=False)
    assert namespace["query"](*frames).explain(optimized=False) == ran  # type: ignore[operator]
    assert evaluate(pipeline.code)(*frames).explain(optimized=False) == ran


def test_every_step_kind_is_drawn_and_most_plans_are_rewritten() -> None:
    drawn = draw_pipelines(200, seed_value=0)
    holding, rewritten, by_pass, failed = measure(drawn)
    assert failed == 0
    assert set(STEP_KINDS) <= set(holding), set(STEP_KINDS) - set(holding)
    assert rewritten["(any)"] >= len(drawn) / 2, rewritten
    assert {"predicate_pushdown", "projection_pushdown", "comm_subplan_elim"} <= set(by_pass)
    assert any(p.ordered for p in drawn)
    assert not all(p.ordered for p in drawn)


def test_a_pipeline_known_issue_explains_only_cells_showing_its_bug(tmp_path: Path) -> None:
    entry = {
        "id": "suffix-clash",
        "operations": ["pipeline"],
        "lanes": ["streaming"],
        "variants": ["*"],
        "engine_bug": True,
        "polars": ">=0",
        "outcomes": ["error-divergence"],
        "detail": "DuplicateError: column with name '[^']*_right'",
        "reason": "planted",
    }
    issues = parse_registry({"issue": [entry]}, tmp_path)
    shown = (
        "baseline raised DuplicateError: column with name 'j_right' has more than one occurrence"
    )
    other = "baseline raised ComputeError: something else entirely"
    assert (
        match(issues, "pipeline", "streaming", "none", "error-divergence", shown) == "suffix-clash"
    )
    assert match(issues, "pipeline", "streaming", "none", "error-divergence", other) is None


# Plants an optimizer bug for one process: a collect with predicate pushdown off drops a row.
_PLANTED_PASS = "predicate_pushdown"
_SITECUSTOMIZE = f"""
import functools

import polars as pl

_collect = pl.LazyFrame.collect


@functools.wraps(_collect)  # keeps the signature the lanes read `engine=` from
def collect(self, *args, **kwargs):
    out = _collect(self, *args, **kwargs)
    flags = kwargs.get("optimizations")
    off = (
        kwargs.get({_PLANTED_PASS!r}) is False
        or kwargs.get("no_optimization") is True
        or (flags is not None and not flags.{_PLANTED_PASS})
    )
    return out.head(-1) if off else out


pl.LazyFrame.collect = collect
"""


def _run(args: list[str], planted: Path | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(POLARS_CONFORMANCE_PROFILE="fast", POLARS_MAX_THREADS="1")
    if planted is not None:
        env["PYTHONPATH"] = str(planted)
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=600,
        check=False,
    )


def test_planted_optimizer_bug_is_caught_with_its_culprit_and_a_reproducer(
    tmp_path: Path,
) -> None:
    assert _PLANTED_PASS in discover_passes()
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "sitecustomize.py").write_text(_SITECUSTOMIZE)
    results = tmp_path / "results"
    run = _run(
        [
            "-m",
            "pytest",
            "conformance/test_pipelines.py",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "-q",
            "--ops=pipeline",
            "--engines=in-memory",
            f"--passes={_PLANTED_PASS},none",
            f"--results-dir={results}",
            "--hypothesis-seed=0",
        ],
        planted,
        ROOT,
    )
    assert run.returncode == 1, run.stdout[-3000:] + run.stderr[-3000:]
    assert "pipeline on in-memory" in run.stdout
    assert "query = (" in run.stdout

    records = json.loads((results / "results.json").read_text())["records"]
    # the plant is found on both variants that turn its pass off, and its culprit search names
    # its pass; other findings of the run (Polars' own, or examples whose all-on cell also fails,
    # which have no culprit pass) are not this test's matter
    failing = [r for r in records if r["outcome"] == "mismatch"]
    assert {f"-{_PLANTED_PASS}", "none"} <= {r["variant"] for r in failing}
    named = [  # the plant's symptom: the last row lost
        r
        for r in failing
        if r["variant"] == "none"
        and r["culprit"] == [_PLANTED_PASS]
        and "height (row count)" in r["detail"]
    ]
    assert named, [(r["variant"], r["culprit"]) for r in failing]
    none = named[0]
    assert none["operation"] == "pipeline"
    assert none["reproduce"]["query"].startswith("query = (")
    assert "assert_frame_equal(expected, got" in none["reproduce"]["script"]["compare"]

    written = sorted((results / "reproducers").glob("pipeline--in-memory--none*.py"))
    mine = [p for p in written if none["reproduce"]["query"] in p.read_text()]
    assert mine, [p.name for p in written]
    reproducer = mine[0]
    broken = _run([str(reproducer)], planted, tmp_path)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    fixed = _run([str(reproducer)], None, tmp_path)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "the discrepancy is fixed" in fixed.stdout
