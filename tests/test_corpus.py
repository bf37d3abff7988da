"""The replay corpus: failures saved as data, replayed first, and judged by what they did before.

A `sitecustomize` planted on the checking process's path makes the streaming engine drop the last
row of every result. The first run finds it and saves the case; the next run replays the case
before any exploration; once the case passed (the plant removed), failing again is a regression
that fails even a `--findings=report` run, which only reports what exploration finds. A property
broken by the same plant (TLP: the partitions of a filter no longer add up to its input) is saved
with its draws and replayed with them, on its lane, the same way.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from conformance.engines.lanes import LANES
from conformance.engines.passes import BASELINE
from conformance.errors import ConformanceUsageError
from conformance.judge.compare import ORDERED, UNORDERED, Rules, Tolerance
from conformance.properties import PROPERTIES
from conformance.run.corpus import (
    FORMAT,
    TEST,
    _content_id,
    corpus_dir,
    load_case,
    load_corpus,
    rules_from_script,
    save_corpus,
)
from conformance.run.replay import code_script, draw_code, draw_values
from conformance.run.reproduce_spec import script_spec
from conformance.version import POLARS_VERSION_STRING
from reports.outcomes import Outcome, is_failure
from reports.records import encode_frames, tile
from strategies.predicates import Predicate
from tests.planted import planted_lane
from tests.planted_polars import suite_env

ROOT = Path(__file__).resolve().parent.parent
STREAMING = next(lane for lane in LANES if lane.name == "streaming")

PLANT = """
import functools

import polars as pl

_collect = pl.LazyFrame.collect


@functools.wraps(_collect)  # the lanes read `engine=` from its signature
def collect(self, *args, **kwargs):
    out = _collect(self, *args, **kwargs)
    return out.head(-1) if kwargs.get("engine") == "streaming" and out.height > 1 else out


pl.LazyFrame.collect = collect
"""


def _suite(
    tmp_path: Path, *args: str, planted: bool, tests: tuple[str, ...], ops: str = "head"
) -> subprocess.CompletedProcess[str]:
    env = suite_env(tmp_path, PLANT if planted else None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            *tests,
            "-v",
            "-p",
            "no:cacheprovider",
            f"--ops={ops}",
            "--engines=streaming",
            "--passes=none",
            f"--results-dir={tmp_path / 'results'}",
            f"--corpus={tmp_path / 'corpus'}",
            *args,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
        check=False,
    )


EXPLORE = ("conformance/test_differential.py",)
EXPLORE_PROPERTIES = ("conformance/test_properties.py",)
REPLAY = ("conformance/test_corpus.py",)


def _items(run: subprocess.CompletedProcess[str]) -> list[str]:
    """The test items in the order they ran, with their outcome."""
    return re.findall(r"^(conformance/\S+) (PASSED|FAILED|XFAIL|SKIPPED)", run.stdout, re.M)


def test_a_failure_is_saved_and_replayed_first_then_a_regression_fails(tmp_path: Path) -> None:
    found = _suite(tmp_path, planted=True, tests=EXPLORE)
    assert found.returncode == 1, found.stdout[-3000:] + found.stderr[-2000:]
    cases = sorted((tmp_path / "corpus").glob("*.json"))
    assert cases, found.stdout[-3000:]
    assert f"saved to {tmp_path / 'corpus'}" in found.stdout
    payload = json.loads(cases[0].read_text())
    case = payload["case"]
    # format 2 only where an input is tiled: an older checkout still reads the others
    tiled = any("copies" in frame for frame in case["inputs"])
    assert payload["format"] == (FORMAT if tiled else "polars-conformance-corpus/1")
    assert (case["kind"], case["check"], case["lane"]) == ("operation", "head", "streaming")
    assert set(case["variants"]) <= {"all-on", "none"}
    assert all("ipc_base64" in frame for frame in case["inputs"])  # data, never pickle
    assert payload["found"]["polars_version"] == POLARS_VERSION_STRING
    assert payload["passed_on"] == []

    again = _suite(tmp_path, planted=True, tests=(*EXPLORE, *REPLAY))
    assert again.returncode == 1, again.stdout[-3000:]
    ran = _items(again)
    replays = [f"{TEST}[corpus-{path.stem}]" for path in cases]
    assert [item for item, _ in ran[: len(replays)]] == replays, ran  # the corpus first
    assert all(outcome == "FAILED" for _, outcome in ran[: len(replays)]), ran
    records = json.loads((tmp_path / "results" / "results.json").read_text())["records"]
    replayed = [r for r in records if TEST in r["reproduce"]["pytest"]]
    assert {r["outcome"] for r in replayed} == {"mismatch"}, replayed
    saved = {path.name for path in (tmp_path / "corpus").glob("*.json")}
    assert {path.name for path in cases} <= saved  # a replay saves no copy of its own case

    fixed = _suite(tmp_path, planted=False, tests=REPLAY)
    assert fixed.returncode == 0, fixed.stdout[-3000:]
    assert json.loads(cases[0].read_text())["passed_on"] == [POLARS_VERSION_STRING]

    regressed = _suite(tmp_path, "--findings=report", planted=True, tests=(*EXPLORE, *REPLAY))
    assert regressed.returncode == 1, regressed.stdout[-3000:]
    assert "REGRESSION: this corpus case passed before" in regressed.stdout
    outcomes = dict(_items(regressed))
    assert outcomes[f"{TEST}[corpus-{cases[0].stem}]"] == "FAILED"
    assert outcomes[f"{EXPLORE[0]}::test_operation[head]"] == "XFAIL"  # only reported


def _record(operation: str, **changes: Any) -> dict[str, Any]:
    frame = pl.DataFrame({"x": [3, -1, 2]})
    record = {
        "operation": operation,
        "lane": "streaming",
        "variant": "all-on",
        "outcome": "mismatch",
        "polars_version": POLARS_VERSION_STRING,
        "detail": "DataFrames are different",
        "known_issue": None,
        "reproduce": {
            "pytest": "python -m pytest 'conformance/test_pipelines.py::test_pipeline'",
            "query": "query = (\n    lambda a: a.filter(c('x') > 0)\n)",
            "inputs": encode_frames([frame]),
            "script": script_spec(STREAMING, BASELINE, UNORDERED),
        },
    }
    return {**record, **changes}


def test_only_replayable_unexplained_failures_are_saved_once(tmp_path: Path) -> None:
    records = [
        _record("pipeline"),
        _record("pipeline", variant="none"),  # the same example on another variant: one case
        _record("pipeline", outcome="pass"),
        _record("pipeline", known_issue="some-entry"),
        _record("oracle.tlp_filter"),  # a property without its draws: it cannot replay
        _record("head", reproduce={**_record("head")["reproduce"], "pytest": TEST}),  # a replay
    ]
    (saved,) = save_corpus(tmp_path, records)
    assert save_corpus(tmp_path, records) == []  # found again: the same file
    (case,) = load_corpus(tmp_path)
    assert case.path == saved
    assert (case.kind, case.check, case.variants) == ("pipeline", "pipeline", ("all-on", "none"))

    subject, frames = case.draw(None)  # type: ignore[arg-type]  # draws nothing
    assert subject.rules == UNORDERED
    assert subject.query is not None
    got = subject.query(*(f.lazy() for f in frames)).collect()
    assert_frame_equal(got, pl.DataFrame({"x": [3, 2]}))
    assert case.skip_reason() is None


def test_a_case_edited_by_hand_is_refused(tmp_path: Path) -> None:
    (path,) = save_corpus(tmp_path, [_record("pipeline")])
    payload = json.loads(path.read_text())
    payload["case"]["query"] = "import os\nquery = lambda a: a"
    path.write_text(json.dumps(payload))
    with pytest.raises(ConformanceUsageError, match="does not match its name"):
        load_case(path)


@pytest.mark.parametrize(
    "rules",
    [
        ORDERED,
        UNORDERED,
        Rules(check_dtypes=False, check_column_order=False),
        Rules(ordered=False, tolerance=Tolerance(1e-9, 1e-12, "a division")),
    ],
)
def test_rules_come_back_from_the_reproducer_spec(rules: Rules) -> None:
    found = rules_from_script(script_spec(STREAMING, BASELINE, rules))
    assert found["ordered"] == rules.ordered
    assert (found["check_dtypes"], found["check_column_order"]) == (
        rules.check_dtypes,
        rules.check_column_order,
    )
    tolerance = rules.tolerance
    assert found["tolerance"] == (
        None if tolerance is None else {"rel": tolerance.rel, "abs": tolerance.abs}
    )


def test_a_run_with_its_own_results_directory_keeps_its_own_corpus(tmp_path: Path) -> None:
    assert corpus_dir(None, (ROOT / "results").resolve()) == ROOT / "corpus"
    assert corpus_dir(None, tmp_path) == tmp_path / "corpus"
    assert corpus_dir(str(tmp_path / "mine"), ROOT / "results") == tmp_path / "mine"


# --- properties: saved with their draws, replayed with them -------------------------------------


def test_a_property_failure_is_saved_with_its_draws_and_replayed_with_them(tmp_path: Path) -> None:
    prop = "oracle.tlp_filter"
    found = _suite(tmp_path, planted=True, tests=EXPLORE_PROPERTIES, ops=prop)
    assert found.returncode == 1, found.stdout[-3000:] + found.stderr[-2000:]
    cases = sorted((tmp_path / "corpus").glob("*.json"))
    assert cases, found.stdout[-3000:]
    for path in cases:
        case = json.loads(path.read_text())["case"]
        assert (case["kind"], case["check"], case["lane"]) == ("property", prop, "streaming")
        assert case["variants"] == [BASELINE.name]
        assert all("ipc_base64" in frame for frame in case["inputs"])  # data, never pickle
        assert [label for label, _ in case["draws"]] == ["predicate"]
        assert case["draws"][0][1].startswith("_predicate(")  # the drawn predicate, as source

    # replay mode: the corpus only, no exploration; each case found again with its own draws
    again = _suite(tmp_path, planted=True, tests=REPLAY, ops=prop)
    assert again.returncode == 1, again.stdout[-3000:] + again.stderr[-2000:]
    ran = _items(again)
    assert ran == [(f"{TEST}[corpus-{path.stem}]", "FAILED") for path in cases], ran
    records = json.loads((tmp_path / "results" / "results.json").read_text())["records"]
    # the plant's violation is found again; a replayed input may also meet a Polars panic of its
    # own (a fresh-clone run met one once): a failure too, never a pass
    assert (prop, "oracle-violation") in {(r["operation"], r["outcome"]) for r in records}
    assert all(r["operation"] == prop and is_failure(r["outcome"]) for r in records), records
    for record in records:  # replays reproduce as the property's own records do
        assert TEST in record["reproduce"]["pytest"]
        assert "replay_property(" in record["reproduce"]["script"]["body"]
    assert sorted((tmp_path / "corpus").glob("*.json")) == cases  # a replay saves no copy

    fixed = _suite(tmp_path, planted=False, tests=REPLAY, ops=prop)
    assert fixed.returncode == 0, fixed.stdout[-3000:] + fixed.stderr[-2000:]
    assert all(outcome == "PASSED" for _, outcome in _items(fixed)), _items(fixed)
    for path in cases:
        assert json.loads(path.read_text())["passed_on"] == [POLARS_VERSION_STRING]

    regressed = _suite(tmp_path, "--findings=report", planted=True, tests=REPLAY, ops=prop)
    assert regressed.returncode == 1, regressed.stdout[-3000:]
    assert "REGRESSION: this corpus case passed before" in regressed.stdout


def _property_record(draws: list[tuple[str, str]], **changes: Any) -> dict[str, Any]:
    record = _record("oracle.tlp_filter", variant=BASELINE.name, outcome="oracle-violation")
    reproduce = {
        **record["reproduce"],
        "pytest": "python -m pytest 'conformance/test_properties.py::test_property'",
        "query": "# the property's check (its queries):",
        "script": code_script("oracle.tlp_filter", "streaming", draws),
    }
    return {**record, "reproduce": reproduce, **changes}


PREDICATE = ("predicate", draw_code(Predicate(pl.col("x") > 0, "c('x') > 0")))


def _drop_last_row(plan: str, df: pl.DataFrame) -> pl.DataFrame:
    return df.head(-1) if df.height > 1 else df


def test_a_saved_property_case_replays_its_check_with_the_recorded_draws(tmp_path: Path) -> None:
    (saved,) = save_corpus(tmp_path, [_property_record([PREDICATE])])
    (case,) = load_corpus(tmp_path)
    assert case.path == saved
    assert (case.kind, case.check, case.draws) == ("property", "oracle.tlp_filter", (PREDICATE,))
    assert case.skip_reason() is None
    subject, frames = case.draw(None)  # type: ignore[arg-type]  # draws nothing
    assert subject.query is None
    assert "#   def _tlp_filter" in subject.source()
    settings = SimpleNamespace(timeout_s=30.0, variants=[], known_issues=[])

    (broken,) = case.evaluate(subject, frames, None, planted_lane(_drop_last_row), settings)  # type: ignore[arg-type]
    assert broken.outcome is Outcome.ORACLE_VIOLATION, broken.detail
    assert "p = c('x') > 0" in broken.detail  # the recorded predicate, not a drawn one
    assert broken.script is not None
    assert broken.script["draws"] == [list(PREDICATE)]  # its reproducer replays the same draws

    (fixed,) = case.evaluate(subject, frames, None, planted_lane(), settings)  # type: ignore[arg-type]
    assert fixed.outcome is Outcome.PASS, fixed.detail


def test_a_property_drawing_more_than_its_case_recorded_says_so(tmp_path: Path) -> None:
    save_corpus(tmp_path, [_property_record([])])  # as if the check drew nothing when saved
    (case,) = load_corpus(tmp_path)
    subject, frames = case.draw(None)  # type: ignore[arg-type]
    settings = SimpleNamespace(timeout_s=30.0, variants=[], known_issues=[])
    (cell,) = case.evaluate(subject, frames, None, planted_lane(), settings)  # type: ignore[arg-type]
    assert cell.outcome is Outcome.ERROR
    assert "the property draws more than was recorded (predicate)" in cell.detail


def test_a_corpus_case_of_an_unknown_property_is_refused_with_the_valid_choices(
    tmp_path: Path,
) -> None:
    (path,) = save_corpus(tmp_path, [_property_record([PREDICATE])])
    payload = json.loads(path.read_text())
    payload["case"]["check"] = "oracle.no_such_property"
    renamed = tmp_path / f"{_content_id(payload['case'])}.json"  # as if the suite had written it
    renamed.write_text(json.dumps(payload))
    path.unlink()
    with pytest.raises(ConformanceUsageError) as refused:
        load_corpus(tmp_path)
    message = str(refused.value)
    assert "\n" not in message
    assert f"corpus case {renamed}: unknown property 'oracle.no_such_property'" in message
    assert "valid choices: " in message
    assert all(p.name in message for p in PROPERTIES)


def test_a_property_the_release_cannot_run_skips_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_corpus(tmp_path, [_property_record([PREDICATE])])
    (case,) = load_corpus(tmp_path)
    registry = tuple(
        dataclasses.replace(p, requires=(lambda: "needs Polars 9",)) if p.name == case.check else p
        for p in PROPERTIES
    )
    monkeypatch.setattr("conformance.run.replay.PROPERTIES", registry)
    assert case.skip_reason() == "oracle.tlp_filter: needs Polars 9"


def test_a_property_record_whose_draws_have_no_source_form_is_not_saved(tmp_path: Path) -> None:
    record = _property_record([PREDICATE])
    del record["reproduce"]["script"]["draws"]  # as `PropertyCheck` leaves it (NotReplayable)
    assert save_corpus(tmp_path, [record]) == []


@pytest.mark.parametrize(
    "value",
    [
        None,
        [3, -1.5, float("nan"), "s"],
        {"how": "vertical", "k": (1,)},
        pl.DataFrame({"x": [1, None, 3]}, schema={"x": pl.Int16}),
        tile(pl.DataFrame({"x": [1, None]}, schema={"x": pl.Int16}), 400),
    ],
)
def test_a_draw_comes_back_from_its_source(value: Any) -> None:
    code = draw_code(value)
    (back,) = draw_values([code])
    if isinstance(value, pl.DataFrame):
        assert_frame_equal(back, value)
        assert [s.chunk_lengths() for s in back] == [s.chunk_lengths() for s in value]
        assert len(code) < 500  # a tiled frame as its base repeated, not 800 rows
    else:
        assert repr(back) == repr(value)


def test_a_case_file_of_format_1_still_reads_and_an_unknown_format_is_refused(
    tmp_path: Path,
) -> None:
    """Format 2 added tiled inputs (`copies`); a file of 1 has none and reads as it is, while a
    format this checkout does not know is refused in one line (an older checkout refuses 2)."""
    frame = pl.DataFrame({"k": [1, 2]})
    content = {
        "kind": "operation",
        "check": "head",
        "lane": "streaming",
        "query": "",
        "rules": None,
        "inputs": encode_frames([frame]),
        "variants": ["all-on"],
    }
    path = tmp_path / f"{_content_id(content)}.json"
    for version, readable in (("1", True), ("2", True), ("3", False)):
        fmt = f"polars-conformance-corpus/{version}"
        path.write_text(json.dumps({"format": fmt, "case": content, "passed_on": []}))
        if readable:
            assert load_case(path).check == "head"
        else:
            with pytest.raises(ConformanceUsageError, match=r"unreadable \(format .*, not one of"):
                load_case(path)
