"""Strictness for the known-issue registry: an issue whose reproducer passes has been fixed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conformance.known_issues import KnownIssue, load_registry


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


@pytest.mark.parametrize("issue", _params())
def test_known_issue_still_reproduces(issue: KnownIssue) -> None:
    assert issue.reproducer is not None
    proc = subprocess.run(
        [sys.executable, str(issue.reproducer)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode != 0, (
        f"FIXED: known issue {issue.id!r} no longer reproduces on this Polars "
        f"({proc.stdout.strip()}). Narrow its 'polars' range or remove it from the registry."
    )
