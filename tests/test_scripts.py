"""Reproducers run in one process (`conformance.run.scripts`) end as they would in their own: the
same exit codes, the same captured output, nothing left behind for the next script, and a script
that hangs, dies or sets its environment handled as its own process would be."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.run.scripts import Finished, ScriptRunner, run_alone

HOOK = """
import sys
def _cannot_run(kind, exc, tb):
    sys.exit(2)
sys.excepthook = _cannot_run
"""
SCRIPTS = {
    "fails": "print('still broken'); raise SystemExit(1)",
    "fixed": "print('fixed')",
    "hooked": HOOK + "raise RuntimeError('an API is missing')",
    "unhooked": "raise RuntimeError('plain')",
    "message": "import sys; sys.exit('a message')",
    "child": "import os, sys; os.system(sys.executable + ' -c \"print(42)\"')",
    "config": (
        "import polars as pl\npl.Config.set_tbl_rows(1)\nprint(pl.DataFrame({'a': [1, 2, 3]}))"
    ),
    "defaults": "import polars as pl; print(pl.DataFrame({'a': [1, 2, 3]}))",
    "pid": "import os; print(os.getpid())",
    "environ": "import os; os.environ['POLARS_MAX_THREADS'] = '1'; print(os.getpid())",
}


@pytest.fixture
def runner() -> Iterator[ScriptRunner]:
    runner = ScriptRunner()
    yield runner
    runner.close()


def _write(tmp_path: Path, name: str, code: str) -> Path:
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(code))
    return path


def test_scripts_in_one_process_end_as_in_their_own(tmp_path: Path, runner: ScriptRunner) -> None:
    paths = {name: _write(tmp_path, name, code) for name, code in SCRIPTS.items()}
    shared = {name: runner.run(path, 60) for name, path in paths.items()}
    alone = {name: run_alone(path, 60) for name, path in paths.items()}
    for name in ("fails", "fixed", "hooked", "unhooked", "message", "child", "config", "defaults"):
        assert shared[name] == alone[name], name
    assert shared["fails"] == Finished(1, "still broken\n")
    assert shared["hooked"].returncode == 2
    assert shared["unhooked"].returncode == 1  # the hook of the script before it is gone
    assert shared["child"].stdout == "42\n"  # what a child writes to the descriptor is kept
    assert shared["config"].stdout.count("…") == 1  # one row shown, as it asked
    assert "…" not in shared["defaults"].stdout  # the next script has Polars' defaults again
    # one process ran them, but for the one that sets its environment
    assert shared["pid"].stdout != alone["pid"].stdout
    assert shared["environ"].stdout != shared["pid"].stdout
    assert runner.run(paths["pid"], 60).stdout == shared["pid"].stdout


def test_a_hanging_or_dying_script_costs_only_its_own_result(
    tmp_path: Path, runner: ScriptRunner
) -> None:
    pid = _write(tmp_path, "pid", SCRIPTS["pid"])
    first = runner.run(pid, 60).stdout
    hang = _write(tmp_path, "hang", "import time; time.sleep(3600)")
    assert runner.run(hang, 2) == Finished(None, "")
    after_hang = runner.run(pid, 60).stdout
    assert after_hang != first  # a fresh process took over
    abort = _write(tmp_path, "abort", "import os; os.abort()")
    assert runner.run(abort, 60).returncode == alone_code(abort)
    assert runner.run(pid, 60).stdout not in (first, after_hang)


def alone_code(path: Path) -> int | None:
    return run_alone(path, 60).returncode
