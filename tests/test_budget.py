"""A run is sized by its time budget: it stops drawing on time, still shrinks what it found and
writes every report, and says what it covered.

The scheduler's rule (`conformance.run.budget`) is checked on its own clock; the whole run with a
planted streaming bug, in a subprocess, with a 20-second budget.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import hypothesis.strategies as st
import polars as pl
import pytest

from conformance.engines import execute
from conformance.engines.lanes import Lane
from conformance.engines.passes import BASELINE, Variant, variant_by_name
from conformance.errors import ConformanceUsageError
from conformance.judge import harness
from conformance.judge.compare import ORDERED
from conformance.properties.property import Context, NotApplicable
from conformance.run import budget, watch
from conformance.run.budget import (
    EXTEND,
    RECENT,
    Budget,
    Coverage,
    ItemClock,
    format_duration,
    parse_duration,
    resolve_budget,
    run_start,
)
from conformance.run.driver import Differential, Subject, drive
from conformance.run.replay import SharedDraws
from reports.outcomes import Outcome
from reports.records import RecordWriter, decode_frames, read_records

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("90s", 90), ("10m", 600), ("1h", 3600), ("1h30m", 5400), ("2m30s", 150), ("0.5m", 30)],
)
def test_durations_parse_and_print(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds
    assert parse_duration(format_duration(seconds)) == seconds


@pytest.mark.parametrize("text", ["10x", "", "m", "10", "0s", "-5m", "1m1h"])
def test_a_bad_budget_is_one_line_naming_the_valid_forms(text: str) -> None:
    with pytest.raises(ConformanceUsageError) as err:
        parse_duration(text)
    assert str(err.value) == (
        f"bad --budget {text!r}; valid forms: 90s, 10m, 1h, 1h30m (a positive duration)"
    )


def test_the_budget_comes_from_the_option_the_environment_or_the_profile(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("POLARS_CONFORMANCE_BUDGET", raising=False)
    assert resolve_budget(None, 600, "ci", 0.0) == Budget(600, "profile ci", 0.0)
    monkeypatch.setenv("POLARS_CONFORMANCE_BUDGET", "2m")
    assert resolve_budget(None, 600, "ci", 0.0).total_s == 120
    assert resolve_budget("90s", 600, "ci", 0.0) == Budget(90, "--budget", 0.0)
    monkeypatch.setenv("POLARS_CONFORMANCE_BUDGET", "soon")
    with pytest.raises(ConformanceUsageError, match="bad POLARS_CONFORMANCE_BUDGET 'soon'"):
        resolve_budget(None, 600, "ci", 0.0)


def test_the_budget_counts_from_the_nox_session_that_started_the_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The nox sessions pass their own start: installing the environment is part of the run."""
    monkeypatch.delenv("POLARS_CONFORMANCE_STARTED", raising=False)
    assert run_start(1000.0) == 1000.0
    monkeypatch.setenv("POLARS_CONFORMANCE_STARTED", "940.5")
    assert run_start(1000.0) == 940.5
    for bad in ("yesterday", "1200", "nan", "-3"):
        monkeypatch.setenv("POLARS_CONFORMANCE_STARTED", bad)
        with pytest.raises(ConformanceUsageError) as err:
            run_start(1000.0)
        assert str(err.value) == (
            f"bad POLARS_CONFORMANCE_STARTED {bad!r}; valid: epoch seconds no later than now (1000)"
        )


def test_each_check_gets_its_share_of_the_drawing_time_left() -> None:
    budget = Budget(100, "--budget", start=1000.0)
    assert budget.draw_until == 1090.0  # a tenth kept for shrinking and reports
    assert budget.share(1010.0, checks_left=40, workers=2) == pytest.approx(4.0)
    assert budget.share(1010.0, checks_left=41, workers=2) == pytest.approx(80 / 21)
    assert budget.share(1095.0, checks_left=4, workers=2) == 0.0
    # the last checks: each worker runs one, unless one is queued behind this one here
    assert budget.share(1050.0, checks_left=2, workers=2) == pytest.approx(40.0)
    assert budget.share(1050.0, checks_left=2, workers=2, queued=1) == pytest.approx(20.0)
    assert Budget(3600, "x", 0.0).draw_until == 3575.0  # at most 25 s kept
    # the checks end before the budget: the records and reports are written in the rest
    assert budget.checks_end == pytest.approx(1097.5)
    assert Budget(600, "x", 0.0).checks_end == 585.0  # at most 15 s


def test_a_check_still_finding_something_runs_past_its_share_one_that_is_not_stops() -> None:
    far = time.time() + 3600
    plain = ItemClock(share_s=0.0, draw_until=far)
    assert plain.may_draw()  # the first example is always drawn
    plain.observe(novel=True)
    plain.observe(novel=False)  # nothing new last: past its share, a check stops at once
    for _ in range(RECENT):
        plain.observe(novel=False)
    assert not plain.may_draw()
    assert plain.stopped == "share"

    novel = ItemClock(share_s=0.05, draw_until=far)
    novel.observe(novel=True)
    time.sleep(0.06)  # past its share, within EXTEND times it: new plans keep it drawing
    assert novel.may_draw()
    for _ in range(RECENT):
        novel.observe(novel=False)
    assert not novel.may_draw()  # nothing new in RECENT examples: stops
    late = ItemClock(share_s=0.05, draw_until=far)
    late.observe(novel=True)
    time.sleep(0.05 * EXTEND + 0.01)
    assert not late.may_draw()  # never past EXTEND times its share

    over = ItemClock(share_s=60.0, draw_until=time.time() - 1)
    assert not over.may_draw()  # the run's drawing time is over: not even a first example
    assert over.stopped == "budget"


def _query(df: pl.LazyFrame) -> pl.LazyFrame:
    return df


def _lane(name: str, drop_odd: bool) -> Lane:
    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        df = lf.collect(engine="in-memory", **variant.collect_kwargs())
        return df.head(-1) if drop_odd and (df["v"] % 2 == 1).any() else df

    return Lane(name, "in-memory, maybe a planted bug", lambda: None, collect)


def test_one_input_runs_the_baseline_once_for_every_lane(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    run_baseline = harness.run_baseline

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return run_baseline(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(harness, "run_baseline", counted)
    lanes = [_lane("one", False), _lane("two", True), _lane("three", False)]
    frame = pl.DataFrame({"v": [1, 2, 3]})
    cells = harness.check_lanes(_query, [frame], ORDERED, lanes, [BASELINE], 30.0)
    assert len(calls) == 1
    assert {(c.lane, c.outcome.value) for c in cells} == {
        ("one", "pass"),
        ("two", "mismatch"),
        ("three", "pass"),
    }


def test_a_clock_that_runs_out_still_shrinks_what_it_found(tmp_path: Path) -> None:
    """A round stopped by its clock draws no other example, but shrinks its failure first."""
    drawn: list[list[int]] = []

    def draw(data: st.DataObject) -> tuple[Subject, tuple[pl.DataFrame, ...]]:
        values = data.draw(st.lists(st.integers(0, 1000), max_size=6), label="v")
        drawn.append(values)
        subject = Subject("identity", _query, ORDERED, lambda: "query = lambda df: df")
        return subject, (pl.DataFrame({"v": values}, schema={"v": pl.Int64}),)

    @dataclass
    class UntilTheFailure(ItemClock):
        """Runs out in the example that shows the failure (the first with an odd value)."""

        def may_draw(self) -> bool:
            if not any(x % 2 for values in drawn for x in values):
                return True
            self.stopped = "share"
            return False

    writer = RecordWriter(tmp_path, "item")
    options = SimpleNamespace(variants=[BASELINE], timeout_s=30.0, known_issues=[])
    clock = UntilTheFailure(share_s=0.0, draw_until=time.time() + 3600)
    lanes = [_lane("honest", False), _lane("planted", True)]
    with pytest.raises(AssertionError, match="1 distinct failure"):
        drive(Differential(draw), lanes, options, writer, "budget-item", "pytest x", clock)
    writer.close()
    (found,) = [r for r in read_records(tmp_path) if r["outcome"] == "mismatch"]
    assert found["lane"] == "planted"
    assert "--engines=planted" in found["reproduce"]["pytest"]
    (frame,) = decode_frames(found["reproduce"]["inputs"])
    assert frame["v"].to_list() == [1]  # shrunk to the smallest input that shows it
    # no example drawn after the one that ran the clock out, but the ones shrinking it: each a
    # smaller input that still fails (an odd value), or a step back from one
    assert clock.stopped == "share"
    first_failure = next(i for i, v in enumerate(drawn) if any(x % 2 for x in v))
    assert first_failure < len(drawn) < first_failure + 200
    assert all(len(v) <= len(drawn[first_failure]) for v in drawn[first_failure:])


def test_no_query_waits_past_the_budgets_end(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every query of a check runs through `execute`, which bounds its wait by the stop: a hang
    met in the last seconds is cut at the budget's end (at least the floor), whichever path
    runs it (a lane's cell, a probe, a reference). While shrinking, cells still start past the
    end (`starts_until=math.inf`), under the same bound."""
    monkeypatch.setattr(watch, "_abandoned_threads", 0)  # the hang below is abandoned on purpose
    release = threading.Event()

    def hang() -> pl.DataFrame:
        release.wait(30.0)
        return pl.DataFrame()

    try:
        with execute.stop_at(time.time() + 0.5, 0.2):
            run = execute.execute(hang, 60.0)
            assert run.timed_out
            assert run.duration_s < 5.0
            assert execute.past_stop()
        # the budget cut the limit short: no verdict on Polars, not a timeout
        assert run.cut
        assert harness.classify(run, run, ORDERED)[0] is Outcome.CUT
        with execute.stop_at(time.time() - 5.0, 0.3, starts_until=math.inf):
            assert not execute.past_stop()
            assert execute.time_left(60.0) == 0.3
            run = execute.execute(hang, 60.0, grace_s=0.2)
            assert run.timed_out
            assert 0.5 <= run.duration_s < 5.0
        assert execute.time_left(60.0) == 60.0  # outside the block, the query's own limit
        # a lane's cell started past the end (while shrinking) gets the floor: cut, not timeout
        lane = Lane("hanging", "in-memory, hanging", lambda: None, lambda lf, v, t: hang())
        with execute.stop_at(time.time() - 5.0, 0.3, starts_until=math.inf):
            run = harness.run_cell(lane, BASELINE, _query, [pl.DataFrame({"v": [1]})], 60.0)
        assert run.cut
        assert harness.classify(run, run, ORDERED)[0] is Outcome.CUT
        # a property's query alike: no verdict, not a timeout
        ctx = Context((pl.DataFrame({"v": [1]}),), lane, None, 60.0)  # type: ignore[arg-type]
        with (
            execute.stop_at(time.time() - 5.0, 0.3, starts_until=math.inf),
            pytest.raises(NotApplicable) as cut,
        ):
            ctx.collect(pl.LazyFrame({"v": [1]}))
        assert cut.value.outcome is Outcome.CUT
        run = execute.execute(hang, 0.3)  # a limit of its own that ran out: a timeout
        assert run.timed_out
        assert not run.cut
        assert harness.classify(run, run, ORDERED)[0] is Outcome.TIMEOUT
    finally:
        release.set()


def test_shrinking_counts_against_the_checks_time() -> None:
    """A round shrinks for what is left of EXTEND times the share, never past the budget's end,
    and at least MIN_SHRINK_S."""
    far = time.time() + 3600
    assert ItemClock(share_s=40.0, draw_until=far, ends=far).shrink_limit_s() == pytest.approx(
        EXTEND * 40.0, abs=0.5
    )
    near = time.time() + 30.0
    assert ItemClock(share_s=40.0, draw_until=far, ends=near).shrink_limit_s() == pytest.approx(
        30.0, abs=0.5
    )
    spent = ItemClock(share_s=1.0, draw_until=far, ends=far)
    assert spent.shrink_limit_s() == budget.MIN_SHRINK_S
    over = ItemClock(share_s=40.0, draw_until=far, ends=time.time() - 60)
    assert over.shrink_limit_s() == budget.MIN_SHRINK_S


def test_shrinking_stops_at_the_budgets_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure found as the budget ends is shrunk for at most MIN_SHRINK_S, not Hypothesis' five
    minutes: still recorded (as far as it shrank) and reported."""
    monkeypatch.setattr(budget, "MIN_SHRINK_S", 1.0)
    calls: list[bool] = []  # per lane run: whether it showed the bug

    def draw(data: st.DataObject) -> tuple[Subject, tuple[pl.DataFrame, ...]]:
        values = data.draw(st.lists(st.integers(0, 1000), min_size=40, max_size=40), label="v")
        subject = Subject("identity", _query, ORDERED, lambda: "query = lambda df: df")
        return subject, (pl.DataFrame({"v": values}, schema={"v": pl.Int64}),)

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        time.sleep(0.1)  # slow enough that a full shrink of 40 values takes far longer
        df = lf.collect(engine="in-memory", **variant.collect_kwargs())
        calls.append(df["v"].sum() > 2000)
        return df.head(-1) if calls[-1] else df

    @dataclass
    class EndingAtTheFailure(ItemClock):
        """Draws until the failure shows: then only shrinking is left."""

        def may_draw(self) -> bool:
            if not any(calls):
                return True
            self.stopped = "budget"
            return False

    writer = RecordWriter(tmp_path, "item")
    options = SimpleNamespace(variants=[BASELINE], timeout_s=30.0, known_issues=[])
    # the budget ends 2 s in: the failure shows in the first examples, with the end in sight
    clock = EndingAtTheFailure(share_s=0.0, draw_until=time.time() + 3600, ends=time.time() + 2.0)
    lanes = [Lane("slow", "in-memory, a planted slow bug", lambda: None, collect)]
    started = time.monotonic()
    with pytest.raises(AssertionError, match="1 distinct failure"):
        # a fresh database key: a shrunk example saved by an earlier run would replay instead
        drive(Differential(draw), lanes, options, writer, str(tmp_path), "pytest x", clock)
    writer.close()
    assert time.monotonic() - started < 8.0, f"shrank for {time.monotonic() - started:.1f}s"
    assert len(calls) > 10  # it did shrink
    (found,) = [r for r in read_records(tmp_path) if r["outcome"] == "mismatch"]
    (frame,) = decode_frames(found["reproduce"]["inputs"])
    assert frame["v"].sum() > 2000


PLANT = textwrap.dedent(
    """
    import functools

    import polars as pl

    _collect = pl.LazyFrame.collect

    @functools.wraps(_collect)  # the lanes read the engines from its signature
    def collect(self, *args, **kwargs):
        df = _collect(self, *args, **kwargs)
        if kwargs.get("engine") == "streaming" and df.height >= 3:
            return df.head(-1)  # the planted bug: streaming loses the last row of 3 or more
        return df

    pl.LazyFrame.collect = collect
    """
)


def test_a_tiny_budget_stops_on_time_and_writes_every_report(tmp_path: Path) -> None:
    plant = tmp_path / "plant"
    plant.mkdir()
    (plant / "sitecustomize.py").write_text(PLANT)
    registry = tmp_path / "registry.toml"
    registry.write_text("")
    results = tmp_path / "results"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(plant), str(ROOT)]),
        "POLARS_CONFORMANCE_PROFILE": "fast",  # no example database: nothing saved here
        "POLARS_CONFORMANCE_KNOWN_ISSUES": str(registry),
    }
    start = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "conformance/test_differential.py",
            "-p",
            "no:cacheprovider",
            "--ops=head,sort_multi_key,explode",
            "--engines=streaming,collect_batches",
            "--passes=none",
            "--budget=20s",
            f"--results-dir={results}",
            f"--junitxml={results / 'junit-conformance.xml'}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    elapsed = time.monotonic() - start
    output = proc.stdout[-4000:] + proc.stderr[-2000:]
    assert proc.returncode == 1, output  # the planted bug fails its items; nothing else broke
    assert elapsed < 120, f"a 20 s budget ran {elapsed:.0f} s\n{output}"
    for report in ("results.json", "report.md", "report.html", "junit-conformance.xml"):
        assert (results / report).is_file(), report
    payload = json.loads((results / "results.json").read_text())
    assert payload["budget"]["seconds"] == 20
    coverage = payload["coverage"]
    assert set(coverage) <= {"head", "sort_multi_key", "explode"}
    assert coverage, output
    for entry in coverage.values():  # every lane ran every input of its check
        assert set(entry["lanes"]) == {"streaming", "collect_batches"}
        assert entry["lanes"]["streaming"] == entry["examples"]
        assert entry["stopped"] in {"share", "budget"}
    mismatches = [r for r in payload["records"] if r["outcome"] == "mismatch"]
    assert mismatches
    assert all(r["lane"] == "streaming" for r in mismatches)
    assert list((results / "reproducers").glob("*.py")), "no reproducer was written"
    assert "budget 20s (--budget)" in proc.stdout
    assert "examples per lane: streaming" in proc.stdout


def test_every_lane_of_a_property_gets_the_examples_draws() -> None:
    """A property's draws are made once per example, so they do not depend on which lanes run
    (a failure replayed on its own lanes, an example cut short); a lane that asks for another
    draw at the same place is the framework's error, not a value of another kind."""
    made: list[str] = []

    class Data:
        def draw(self, strategy: object, label: str | None = None) -> str:
            made.append(f"{label}{len(made)}")
            return made[-1]

    shared = SharedDraws(Data())  # type: ignore[arg-type]
    first, second = shared.lane(), shared.lane()
    assert [first.draw(st.none(), "p"), first.draw(st.none(), "q")] == ["p0", "q1"]
    assert [second.draw(st.none(), "p"), second.draw(st.none(), "q")] == ["p0", "q1"]
    assert second.draw(st.none(), "r") == "r2"  # more than the lanes before: a new draw
    assert second.draws == [("p", "p0"), ("q", "q1"), ("r", "r2")]  # what its reproducer replays
    with pytest.raises(RuntimeError, match="draw 'p' and 'x' at draw 0"):
        shared.lane().draw(st.none(), "x")


def test_a_run_of_one_item_gives_it_the_whole_budget(tmp_path: Path) -> None:
    """The checks sharing the budget are the ones collected, not every check `--ops` selects: a
    run of one test item gives it (nearly) the whole drawing time, not 1/300 of it."""
    results = tmp_path / "results"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "conformance/test_differential.py::test_operation[head]",
            "-p",
            "no:cacheprovider",
            "--engines=streaming",
            "--passes=none",
            "--budget=20s",
            f"--results-dir={results}",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "POLARS_CONFORMANCE_PROFILE": "fast"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    (head,) = budget.read_coverage(results)
    assert head["share_s"] > 10.0, head  # of 18 s of drawing time; one of 300 would be 0.06 s


def test_an_example_under_way_when_the_budget_ends_starts_no_further_cell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a clock where each lane takes 3 s and the budget ends 5 s in, the lanes after the
    second do not run (their cells are absent, not timeouts), each cell that ran is judged, and a
    cell started 1 s before the end gets what is left, but at least the floor."""
    now = [1000.0]
    limits: list[float] = []
    monkeypatch.setattr(execute, "_now", lambda: now[0])

    def slow(name: str) -> Lane:
        def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
            limits.append(timeout_s)
            now[0] += 3.0
            return lf.collect(engine="in-memory", **variant.collect_kwargs())

        return Lane(name, "in-memory, slowly", lambda: None, collect)

    lanes = [slow(f"lane{i}") for i in range(6)]
    frame = pl.DataFrame({"v": [1, 2, 3]})
    with execute.stop_at(now[0] + 5.0, 1.5):
        cells = harness.check_lanes(_query, [frame], ORDERED, lanes, [BASELINE], 30.0)
    assert [c.lane for c in cells] == ["lane0", "lane1"]
    assert all(c.outcome.value == "pass" for c in cells)
    assert limits == [5.0, 2.0]  # what was left of the 5 s when each started
    with execute.stop_at(now[0] + 1.0, 1.5):  # 1 s left: the floor
        harness.check_lanes(_query, [frame], ORDERED, lanes[:1], [BASELINE], 30.0)
    assert limits[-1] == 1.5
    # outside the block every lane runs, under the run's own limit
    assert len(harness.check_lanes(_query, [frame], ORDERED, lanes[:3], [BASELINE], 30.0)) == 3
    assert limits[-3:] == [30.0, 30.0, 30.0]


def test_an_example_slow_on_every_lane_stops_at_its_checks_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each cell takes 3 s and the example may start cells for 5 s (`ItemClock.example_stop`):
    the cells run breadth first, every lane with all passes on before any pass is off, so the
    cells it ran before it stopped are the first lanes' all-on ones."""
    now = [1000.0]
    monkeypatch.setattr(execute, "_now", lambda: now[0])

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        now[0] += 3.0
        return lf.collect(engine="in-memory", **variant.collect_kwargs())

    lanes = [Lane(f"lane{i}", "in-memory, slowly", lambda: None, collect) for i in range(3)]
    variants = [BASELINE, variant_by_name("none")]
    frame = pl.DataFrame({"v": [1, 2, 3]})

    def order(starts_until: float) -> list[tuple[str, str]]:
        with execute.stop_at(math.inf, 1.0, starts_until):
            cells = harness.check_lanes(_query, [frame], ORDERED, lanes, variants, 30.0)
        return [(c.lane, c.variant) for c in cells]

    assert order(now[0] + 5.0) == [("lane0", "all-on"), ("lane1", "all-on")]
    assert order(math.inf) == [
        *((f"lane{i}", "all-on") for i in range(3)),
        *((f"lane{i}", "none") for i in range(3)),
    ]
    far = time.time() + 3600
    assert ItemClock(share_s=1.0, draw_until=far, ends=far).example_stop() == pytest.approx(
        time.time() + budget.MIN_EXAMPLE_S, abs=1.0
    )
    assert ItemClock(share_s=100.0, draw_until=far, ends=far).example_stop() == pytest.approx(
        time.time() + EXTEND * 100.0, abs=1.0
    )
    soon = time.time() + 5.0
    assert ItemClock(share_s=100.0, draw_until=far, ends=soon).example_stop() == soon


def test_a_round_stops_with_the_example_the_budget_ended_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The budget ends during the first example (its lanes take 3 s each, 5 s are left): that
    example's cells after the end do not run, no further example is drawn, and the item's
    coverage says the budget stopped it."""
    now = [1000.0]
    monkeypatch.setattr(execute, "_now", lambda: now[0])
    drawn: list[int] = []

    def draw(data: st.DataObject) -> tuple[Subject, tuple[pl.DataFrame, ...]]:
        drawn.append(data.draw(st.integers(0, 9), label="v"))
        subject = Subject("identity", _query, ORDERED, lambda: "query = lambda df: df")
        return subject, (pl.DataFrame({"v": [drawn[-1]]}),)

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        now[0] += 3.0
        return lf.collect(engine="in-memory", **variant.collect_kwargs())

    lanes = [Lane(f"lane{i}", "in-memory, slowly", lambda: None, collect) for i in range(4)]
    writer = RecordWriter(tmp_path, "item")
    options = SimpleNamespace(variants=[BASELINE], timeout_s=30.0, known_issues=[])
    clock = ItemClock(share_s=3600.0, draw_until=time.time() + 3600, ends=now[0] + 5.0)
    coverage = Coverage("identity", "differential")
    drive(Differential(draw), lanes, options, writer, str(tmp_path), "pytest x", clock, coverage)
    writer.close()
    assert len(drawn) == 1
    assert clock.stopped == "budget"
    assert coverage.examples == 1
    assert coverage.lanes == {"lane0": 1, "lane1": 1, "lane2": 0, "lane3": 0}
