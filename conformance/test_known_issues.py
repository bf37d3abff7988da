"""Strictness for the known-issue registry: each reproducer still fails, printing its symptom.

A reproducer exits 1 while the discrepancy exists, 0 once fixed and 2 when it cannot run. Exit 1
passes only if what it printed matches the entry's `detail`, so each pattern is tied to a real
symptom (a pattern that matches nothing would silently explain nothing, one that matches the
wrong thing would explain other bugs). The reproducers of one pytest process run one after another
in one Python process (`conformance.run.scripts`), each with the exit code and output its own
process would have had.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from conformance.judge.known_issues import KnownIssue, load_registry
from conformance.run.scripts import ScriptRunner

# Disabling an optimizer pass: a reproducer of an `engine_bug` entry runs with every pass on.
_PASS_OFF = re.compile(
    r"\bno_optimization\b|\boptimizations\s*=|QueryOptFlags|\b\w+_(pushdown|elim)\s*=\s*False"
)
REPRODUCER_TIMEOUT_S = 300


def _params() -> list:
    return [
        pytest.param(
            issue,
            id=issue.id,
            marks=[]
            if issue.applies_to_installed_polars()
            else [pytest.mark.skip(reason=f"registered for Polars {issue.polars}")],
        )
        for issue in load_registry()
        if issue.reproducer is not None
    ]


def verdict(issue: KnownIssue, returncode: int, output: str) -> str | None:
    """None when the reproducer shows the entry's bug, else why the entry is wrong now."""
    shown = output.strip()[-2000:]
    if returncode == 0:
        return (
            f"FIXED: known issue {issue.id!r} no longer reproduces on this Polars ({shown}). "
            "Narrow its 'polars' range or remove it from the registry."
        )
    if returncode != 1:
        return (
            f"BROKEN: the reproducer of known issue {issue.id!r} could not run (exit "
            f"{returncode}); fix {issue.reproducer}:\n{shown}"
        )
    if issue.detail.search(output) is None:
        return (
            f"known issue {issue.id!r}: its reproducer fails, but its output does not match "
            f"'detail' {issue.detail.pattern!r}: the pattern names another symptom, or the "
            f"bug changed:\n{shown}"
        )
    return None


@pytest.fixture(scope="session")
def scripts() -> Iterator[ScriptRunner]:
    """One process runs every reproducer of this pytest process (`conformance.run.scripts`)."""
    runner = ScriptRunner()
    yield runner
    runner.close()


@pytest.mark.parametrize("issue", _params())
def test_known_issue_still_reproduces(issue: KnownIssue, scripts: ScriptRunner) -> None:
    assert issue.reproducer is not None
    if issue.engine_bug:
        found = _PASS_OFF.search(issue.reproducer.read_text())
        assert found is None, (
            f"known issue {issue.id!r} says engine_bug = true, but its reproducer turns an "
            f"optimizer pass off ({found.group()}): name the variants it fails on instead"
        )
    finished = scripts.run(issue.reproducer, REPRODUCER_TIMEOUT_S)
    if finished.returncode is None:
        pytest.fail(
            f"BROKEN: the reproducer of known issue {issue.id!r} ran past {REPRODUCER_TIMEOUT_S}s"
        )
    problem = verdict(issue, finished.returncode, finished.stdout)
    assert problem is None, problem
