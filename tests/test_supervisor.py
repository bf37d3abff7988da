"""Hangs and aborts are killed in the checking process; the pytest worker and the run go on.

A `sitecustomize` planted on the checking process's path makes the first streaming query of the
process spin forever on its thread, abort the process, or makes the first comparison (its
`DataFrame.equals`) block the main thread, or hold the interpreter (a regular expression that
backtracks forever, as a native call that keeps the GIL: no thread of the process runs). Each must become a `timeout` or `crash` record that
carries the example's input, a fresh checking process must finish the item, and its cells must
run at full speed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CELL_TIMEOUT_S = 3

PLANT = textwrap.dedent(
    """
    import os
    import time

    MODE = os.environ.get("CONFORMANCE_PLANT")
    MARKER = os.environ.get("CONFORMANCE_PLANT_MARKER", "")

    def _first() -> bool:
        if os.path.exists(MARKER):
            return False
        open(MARKER, "w").close()
        return True

    if MODE in {"spin", "abort", "abort-later", "abort-always"}:
        import functools

        import polars as pl

        _collect = pl.LazyFrame.collect
        _calls = []

        def _due() -> bool:  # "abort-later": the fourth streaming query of the process
            _calls.append(1)
            if MODE == "abort-always":  # every process's fourth: each replacement dies too
                return len(_calls) == 4
            return (MODE != "abort-later" or len(_calls) == 4) and _first()

        @functools.wraps(_collect)  # the lanes read the engines from its signature
        def collect(self, *args, **kwargs):
            if kwargs.get("engine") == "streaming" and _due():
                if MODE.startswith("abort"):
                    os.abort()
                while True:  # a query that never ends and keeps a core busy
                    pass
            return _collect(self, *args, **kwargs)

        pl.LazyFrame.collect = collect
    elif MODE == "block":
        import polars as pl

        _equals = pl.DataFrame.equals

        def equals(self, *args, **kwargs):  # the comparison's first step
            if _first():
                time.sleep(3600)  # holds the main thread: no thread-based limit can end it
            return _equals(self, *args, **kwargs)

        pl.DataFrame.equals = equals
    elif MODE == "hold-once":
        import functools
        import re

        import polars as pl

        _collect = pl.LazyFrame.collect

        @functools.wraps(_collect)
        def collect(self, *args, **kwargs):  # the first streaming query of the run holds the GIL
            if kwargs.get("engine") == "streaming" and _first():
                re.fullmatch(r"(a|a)*b", "a" * 64)
            return _collect(self, *args, **kwargs)

        pl.LazyFrame.collect = collect
    elif MODE == "hold":
        import re

        import polars as pl

        _equals = pl.DataFrame.equals

        def equals(self, *args, **kwargs):
            if _first():
                re.fullmatch(r"(a|a)*b", "a" * 64)  # backtracks for ages, the GIL held
            return _equals(self, *args, **kwargs)

        pl.DataFrame.equals = equals
    """
)


def run_suite(
    tmp_path: Path, mode: str, cell_timeout_s: float = CELL_TIMEOUT_S, budget: str | None = None
) -> tuple[subprocess.CompletedProcess[str], dict]:
    plant = tmp_path / "plant"
    plant.mkdir()
    (plant / "sitecustomize.py").write_text(PLANT)
    results = tmp_path / "results"
    registry = tmp_path / "registry.toml"
    registry.write_text("")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(plant), str(ROOT)]),
        "CONFORMANCE_PLANT": mode,
        "CONFORMANCE_PLANT_MARKER": str(tmp_path / "planted-once"),
        "POLARS_CONFORMANCE_PROFILE": "fast",
        "POLARS_CONFORMANCE_KNOWN_ISSUES": str(registry),
        **({"POLARS_CONFORMANCE_BUDGET": budget} if budget else {}),
    }
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "conformance/test_differential.py",
            "-p",
            "no:cacheprovider",
            "--ops=head",
            "--engines=streaming",
            "--passes=none",
            f"--cell-timeout={cell_timeout_s}",
            f"--results-dir={results}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return proc, json.loads((results / "results.json").read_text())


@pytest.mark.parametrize(
    ("mode", "outcome", "detail", "counted"),
    [
        # a query stuck on its thread is judged (timeout) and counted; the process then retires
        ("spin", "timeout", "no result within", True),
        ("abort", "crash", "the checking process died", False),
        ("block", "timeout", "overran comparing with the baseline", False),
        # killed when its heartbeat stops, long before its step's limit (the cell timeout: 60 s)
        ("hold", "timeout", "stopped answering during comparing with the baseline", False),
    ],
)
def test_a_stuck_or_dead_checking_process_is_replaced_and_the_item_goes_on(
    tmp_path: Path, mode: str, outcome: str, detail: str, counted: bool
) -> None:
    start = time.monotonic()
    # a hold is killed after HELD_S (20 s): the replacement needs budget left
    held = {"cell_timeout_s": 60, "budget": "50s"} if mode == "hold" else {}
    proc, payload = run_suite(tmp_path, mode, **held)
    records = payload["records"]
    elapsed = time.monotonic() - start
    output = proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.returncode == 1, output  # the finding fails the item; nothing else broke
    assert "1 failed" in proc.stdout, output
    (stuck,) = [r for r in records if r["outcome"] == outcome]
    assert detail in stuck["detail"], stuck["detail"]
    assert stuck["reproduce"]["inputs"], "the input was not written before the query ran"
    assert stuck["reproduce"]["query"], "a timeout's record names its query, as every finding's"
    assert "rules" not in stuck["reproduce"]  # the pending record's, for the supervisor only
    assert stuck["operation"] == "head"
    assert stuck["lane"] == "streaming"
    if mode not in ("block", "hold"):  # it died running the lane's query: its reproducer too
        _reproduces(tmp_path, stuck, mode)
    # a fresh checking process finished the item, at full speed
    later = [r for r in records if r["worker"].endswith("checker2") and r["outcome"] == "pass"]
    assert later, sorted({r["worker"] for r in records})
    assert max(r["duration_s"] for r in later) < 1.0, [r["duration_s"] for r in later]
    assert elapsed < 120, elapsed
    # the run's coverage counts every example once: a retired process's examples are in its own
    # line, not carried into its successor's too; a dead one's are carried
    examples = [r for r in records if r["variant"] == "all-on" and r["outcome"] == "pass"]
    assert payload["coverage"]["head"]["examples"] == len(examples) + counted


def test_a_process_held_once_running_a_cell_is_no_timeout_where_the_cell_answers_alone(
    tmp_path: Path,
) -> None:
    """A heartbeat that stops is what a loaded machine can make of a slow call: the cell runs again
    alone (its reproducer) before a timeout is reported, and one that answers as the baseline does
    there is `pass`, saying what was seen once (the plant holds only the run's first query)."""
    proc, payload = run_suite(tmp_path, "hold-once", cell_timeout_s=60, budget="50s")
    output = proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.returncode == 0, output
    (once,) = [r for r in payload["records"] if r["detail"].startswith("not confirmed")]
    assert once["outcome"] == "pass"
    assert "stopped answering during running on streaming, all-on" in once["detail"]
    assert not [r for r in payload["records"] if r["outcome"] == "timeout"]


def test_a_replaced_checking_process_counts_on_from_what_its_predecessor_covered(
    tmp_path: Path,
) -> None:
    """The coverage a run prints counts the examples of a checking process that died in an item,
    not only those of the process that finished it."""
    proc, payload = run_suite(tmp_path, "abort-later")
    output = proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.returncode == 1, output
    cells = [
        r
        for r in payload["records"]
        if r["lane"] == "streaming" and r["variant"] == "all-on" and r["outcome"] == "pass"
    ]
    before = [r for r in cells if r["worker"].endswith("checker1")]
    after = [r for r in cells if r["worker"].endswith("checker2")]
    assert before, output  # an example passed before the process died in the next one
    assert after, output
    assert payload["coverage"]["head"]["examples"] == len(before) + len(after)


def test_an_item_whose_every_checking_process_dies_still_counts_its_examples(
    tmp_path: Path,
) -> None:
    """No process is left to write the coverage of an item whose last allowed replacement died:
    the pytest worker writes what it last announced, so its examples count and it ends `stuck`."""
    proc, payload = run_suite(tmp_path, "abort-always")
    output = proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.returncode == 1, output
    assert "stopped after 2 replacements" in proc.stdout, output
    passed = [
        r
        for r in payload["records"]
        if r["lane"] == "streaming" and r["variant"] == "all-on" and r["outcome"] == "pass"
    ]
    workers = {r["worker"].rsplit("-", 1)[1] for r in passed}
    assert workers == {"checker1", "checker2", "checker3"}, output
    assert payload["coverage"]["head"]["examples"] == len(passed)
    assert payload["coverage"]["head"]["stopped"] == "stuck"


def _reproduces(tmp_path: Path, record: dict, mode: str) -> None:
    """The record's standalone reproducer, run where the plant fires again, exits 1 with the
    candidate's hang or death: it runs the candidate in a child process (with the suite's limit)."""
    from reports.reproducer import write_reproducer

    script = write_reproducer(tmp_path / "reproducer.py", record)
    env = {
        **os.environ,
        "PYTHONPATH": str(tmp_path / "plant"),
        "CONFORMANCE_PLANT": mode,
        "CONFORMANCE_PLANT_MARKER": str(tmp_path / "planted-again"),
    }
    done = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120
    )
    said = {"spin": "no result within", "abort": "the candidate's process died"}[mode]
    assert done.returncode == 1, done.stdout + done.stderr
    assert said in done.stdout, done.stdout
