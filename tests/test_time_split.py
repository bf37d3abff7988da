"""The time-split benchmark's accounting: where a sample goes, and a hung process's held time."""

from __future__ import annotations

import sys

import polars as pl

from benchmarks.time_split import _in_polars, classify, held_seconds, waited_for_hangs

_CHECKER = ["python", "-m", "conformance.run.worker"]


def _stack(*frames: tuple[str, str]) -> list[tuple[str, str]]:
    return [("/x/conformance/run/worker.py", "_serve"), *frames]


def test_a_sample_goes_to_its_outermost_marked_function() -> None:
    driver = ("/x/conformance/run/driver.py", "drive")
    lane = ("/x/conformance/judge/harness.py", "run_cell")
    inner = ("/x/conformance/judge/harness.py", "classify")
    assert classify(_stack(driver, lane, inner)) == "lanes"
    assert classify(_stack(driver, inner)) == "comparison"
    shrinker = ("/x/hypothesis/internal/conjecture/shrinker.py", "shrink")
    assert classify(_stack(driver, shrinker, lane)) == "shrinking"
    assert classify(_stack(("/x/conformance/engines/isolated.py", "_recv"))) == "idle"


def test_a_polars_twin_counts_as_polars_execution_but_not_its_comparison_or_duckdb() -> None:
    driver = ("/x/conformance/run/driver.py", "drive")
    twins = ("/x/conformance/judge/harness.py", "twin_cells")
    serde = ("/x/conformance/judge/serde.py", "_serde_cell")
    run = ("/x/conformance/engines/execute.py", "execute")
    compare = ("/x/conformance/judge/harness.py", "classify")
    elided = ("/x/conformance/judge/harness.py", "plain")
    assert classify(_stack(driver, twins, serde, run)) == "twins"
    assert (
        classify(_stack(driver, twins, ("/x/conformance/judge/harness.py", "_eager_cell")))
        == "twins"
    )
    assert classify(_stack(driver, twins, serde, compare)) == "comparison"
    assert classify(_stack(driver, twins, serde, elided, run)) == "oracles"
    duck = ("/x/conformance/judge/harness.py", "_duckdb_cell")
    assert classify(_stack(driver, twins, duck, run)) == "oracles"


def test_a_checking_process_held_until_killed_counts_up_to_its_successor() -> None:
    def process(parent: int, start: float, end: float) -> dict:
        return {"argv": _CHECKER, "parent": parent, "start": start, "end": end, "seconds": {}}

    processes = [
        process(1, 0.0, 100.0),  # held from 100 s until killed; its successor started at 180 s
        process(1, 180.0, 300.0),
        process(2, 0.0, 300.0),  # another worker's checking process, never replaced
        {"argv": ["python", "-m", "pytest"], "parent": 0, "start": 0.0, "end": 300.0},
    ]
    assert held_seconds(processes) == 80.0


def test_a_stack_under_a_polars_call_is_inside_polars() -> None:
    seen = []
    pl.Series([1]).map_elements(lambda x: seen.append(sys._getframe()) or x, return_dtype=pl.Int64)
    assert _in_polars(seen[0])  # the callback runs under Series.map_elements
    assert not _in_polars(sys._getframe())


def test_waiting_for_a_hung_query_is_not_counted_as_polars_execution() -> None:
    records = [
        {
            "outcome": "timeout",
            "duration_s": 60.0,
            "detail": "no result within 60.0s",
            "variant": "none",
        },
        # held the interpreter: counted apart, as held time (`held_seconds`)
        {
            "outcome": "timeout",
            "duration_s": 20.0,
            "detail": "the checking process stopped answering during x",
        },
        {"outcome": "pass", "duration_s": 1.0, "detail": ""},
    ]
    records.append(
        {
            "outcome": "timeout",
            "duration_s": 30.0,
            "detail": "no result within 30.0s",
            "variant": "serde-json",
        }
    )
    records.append(
        {
            "outcome": "timeout",
            "duration_s": 30.0,
            "detail": "no result within 30.0s",
            "variant": "duckdb",
        }
    )
    assert waited_for_hangs(records) == {"lanes": 60.0, "twins": 30.0}
