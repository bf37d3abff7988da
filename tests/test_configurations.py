"""Configuration lanes: one table, a probe per knob, failures on nondeterministic lanes confirmed.

The probes must say when a knob did not take (a lane under another name would run the plain
engine); a planted bug that only shows with one thread must be caught by the one-thread lane,
confirmed by its repeats, and reproduced standalone (the candidate in a child process started
with the knob, the baseline without it).
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pytest

from conformance.engines.configurations import CONFIGURATIONS, Configuration, knobs_in_binary
from conformance.engines.lanes import LANES, Lane, _configuration_lane, lane_listing
from conformance.engines.passes import BASELINE, Variant
from conformance.engines.probes import PROBES, Probe
from conformance.judge.compare import ORDERED
from conformance.judge.harness import check
from conformance.judge.repeats import confirm
from conformance.run.reproduce_spec import reproduce_fields
from reports.outcomes import Outcome
from reports.reproducer import write_reproducer
from tests.planted_polars import run_script, write_shim

FRAME = pl.DataFrame({"a": [3, 1, 2, 5, 4], "s": ["x", "y", None, "", "ü"]})
QUERY_CODE = "def query(lf):\n    return lf.sort('a')\n"


def _query(lf: pl.LazyFrame) -> pl.LazyFrame:
    return lf.sort("a")


def _config(name: str) -> Configuration:
    return next(c for c in CONFIGURATIONS if c.name == name)


def test_one_table_entry_per_lane_each_with_a_known_probe() -> None:
    names = [c.name for c in CONFIGURATIONS]
    assert len(names) == len(set(names))
    lanes = {lane.name: lane for lane in LANES}
    for config in CONFIGURATIONS:
        assert config.probe.kind in PROBES, config
        assert config.engine in ("in-memory", "streaming")
        lane = lanes[config.name]
        assert lane.env == config.env
        assert lane.configuration is config
        assert lane.self_timed
    threads = [c for c in CONFIGURATIONS if "POLARS_MAX_THREADS" in c.env]
    assert {c.name for c in threads} >= {"streaming-1-thread", "in-memory-1-thread"}
    assert all(c.repeat > 1 for c in threads), "thread counts are nondeterministic: confirm"
    morsels = {c.env.get("POLARS_IDEAL_MORSEL_SIZE") for c in CONFIGURATIONS}
    assert {"1", "5", "64"} <= morsels


def test_the_thread_probe_sees_the_pool_of_this_process() -> None:
    assert Probe("threads", (pl.thread_pool_size(),)).run() is None
    reason = Probe("threads", (pl.thread_pool_size() + 3,)).run()
    assert reason is not None
    assert "thread pool has" in reason


def test_a_verbose_probe_fails_with_the_pattern_it_missed() -> None:
    reason = Probe("verbose", ("in-memory", "group_by", "no such log line")).run()
    assert reason == "the verbose log of a in-memory group_by never matches 'no such log line'"


def test_a_knob_that_does_not_take_makes_its_lane_unavailable_with_one_line() -> None:
    ignored = Configuration(
        "streaming-ignored-knob",
        "streaming",
        {"POLARS_CONFORMANCE_NO_SUCH_KNOB": "5"},
        Probe("morsels", (5,)),
        "a knob no Polars reads",
    )
    reason = _configuration_lane(ignored).unavailable_reason()
    assert reason is not None
    assert "\n" not in reason
    assert "ignores POLARS_CONFORMANCE_NO_SUCH_KNOB=5" in reason
    assert "morsel(s)" in reason
    if knobs_in_binary():
        assert "its binary never names POLARS_CONFORMANCE_NO_SUCH_KNOB" in reason


def test_every_configuration_lane_takes_or_says_why_not() -> None:
    for config in CONFIGURATIONS:
        reason = next(lane for lane in LANES if lane.name == config.name).unavailable_reason()
        assert reason is None or reason.startswith(f"Polars {pl.__version__} ignores "), reason
    # the knobs every release since 1.25 honours
    for name in ("streaming-1-thread", "in-memory-1-thread", "streaming-small-morsels"):
        assert next(lane for lane in LANES if lane.name == name).unavailable_reason() is None


def test_the_listing_says_for_each_knob_whether_it_took() -> None:
    text = "\n".join(lane_listing())
    for config in CONFIGURATIONS:
        assert config.name in text
    assert "POLARS_MAX_THREADS=1 took (probe: pl.thread_pool_size() == 1)" in text
    assert "a failure is confirmed by 3 repeats" in text
    assert "source lanes" in text
    assert "parquet-nostats@streaming" in text


def test_confirm_reports_only_a_failure_seen_again() -> None:
    flaky = iter([Outcome.PASS, Outcome.PASS, Outcome.PASS])
    outcome, detail = confirm(Outcome.MISMATCH, "DataFrames are different", 3, lambda: next(flaky))
    assert outcome is Outcome.PASS
    assert detail.startswith("not confirmed: failed once (DataFrames are different)")
    again = iter([Outcome.PASS, Outcome.MISMATCH, Outcome.MISMATCH])
    outcome, detail = confirm(Outcome.MISMATCH, "differs", 3, lambda: next(again))
    assert outcome is Outcome.MISMATCH
    assert detail.endswith("(confirmed in 2 of 3 repeats)")
    assert confirm(Outcome.TIMEOUT, "slow", 3, lambda: pytest.fail("not repeated")) == (
        Outcome.TIMEOUT,
        "slow",
    )


def test_the_harness_drops_a_failure_its_repeats_do_not_show() -> None:
    calls: list[int] = []

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        calls.append(1)
        df = lf.collect(engine="in-memory")
        return df.head(-1) if len(calls) == 1 else df  # wrong the first time only

    lane = Lane("flaky", "'in-memory'", lambda: None, collect, repeat=3)
    (cell,) = check(_query, [FRAME], ORDERED, lane, [BASELINE], 30.0)
    assert cell.outcome is Outcome.PASS, cell.detail
    assert "not confirmed" in cell.detail
    assert len(calls) == 4


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one CPU: every process has one thread")
def test_a_bug_only_one_thread_shows_is_caught_confirmed_and_reproduced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shim = tmp_path / "planted"
    write_shim(shim, "one-thread")
    # the lanes' children start with the plant; this process (the baseline) does not have it
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [str(shim), os.environ.get("PYTHONPATH")]))
    )
    one = _configuration_lane(_config("in-memory-1-thread"))
    several = _configuration_lane(_config("streaming-4-threads"))
    assert one.unavailable_reason() is None

    (cell,) = check(_query, [FRAME], ORDERED, one, [BASELINE], 60.0)
    assert cell.outcome is Outcome.MISMATCH, cell.detail
    assert cell.detail.endswith("(confirmed in 3 of 3 repeats)")
    (other,) = check(_query, [FRAME], ORDERED, several, [BASELINE], 60.0)
    assert other.outcome is Outcome.PASS, other.detail

    record = {
        "operation": "sort",
        "lane": one.name,
        "variant": BASELINE.name,
        "outcome": cell.outcome.value,
        "polars_version": pl.__version__,
        "detail": cell.detail,
        "reproduce": reproduce_fields(QUERY_CODE, [FRAME], one, BASELINE, ORDERED),
    }
    path = write_reproducer(tmp_path / "repro.py", record)
    text = path.read_text()
    assert "CANDIDATE_ENV = {'POLARS_MAX_THREADS': '1'}" in text
    assert "up to 3 times" in text
    broken = run_script(path, shim)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "differed on run 1 of 3" in broken.stdout
    fixed = run_script(path, None)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "results agree on all 3 runs" in fixed.stdout


def test_a_frame_too_big_for_tiny_morsels_is_unsupported_there() -> None:
    lane = next(lane for lane in LANES if lane.name == "streaming-morsel-1")
    assert lane.max_rows is not None
    big = pl.DataFrame({"a": range(lane.max_rows + 1)})
    (cell,) = check(_query, [big], ORDERED, lane, [BASELINE], 30.0)
    assert cell.outcome is Outcome.UNSUPPORTED
    assert (
        cell.detail
        == f"streaming-morsel-1 takes inputs of at most 10000 rows, not {lane.max_rows + 1}"
    )


def test_a_result_whose_arrow_ipc_does_not_read_back_is_unsupported_on_a_child_lane() -> None:
    """A child engine sends its result as Arrow IPC: where Polars cannot read that back (an
    Array of width 0: not yet implemented), the lane cannot carry the result, which is no
    discrepancy of the query's."""
    lane = next(lane for lane in LANES if lane.name == "streaming-small-morsels")

    def query(lf: pl.LazyFrame) -> pl.LazyFrame:
        return lf.select(pl.col("a").cast(pl.List(pl.Int64)).list.head(0).list.to_array(0))

    frame = pl.DataFrame({"a": [[1], [2]]})
    (cell,) = check(query, [frame], ORDERED, lane, [BASELINE], 30.0)
    assert cell.outcome is Outcome.UNSUPPORTED, cell.detail
    assert "its Arrow IPC does not read back" in cell.detail
    # an input of such arrays: the plan, which carries it as Arrow IPC, does not reach the child
    empty = pl.DataFrame({"a": [[], []]}, schema={"a": pl.Array(pl.Int64, 0)})
    (cell,) = check(lambda lf: lf, [empty], ORDERED, lane, [BASELINE], 30.0)
    assert cell.outcome is Outcome.UNSUPPORTED, cell.detail
    assert "the plan does not deserialize" in cell.detail
