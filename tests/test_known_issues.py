"""The known-issue registry: validated names, version ranges, matching, and strictness on fixes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conformance.errors import ConformanceUsageError
from conformance.known_issues import load_registry, match, parse_registry
from conformance.version import POLARS_VERSION_STRING

ROOT = Path(__file__).resolve().parent.parent


def entry(**overrides: object) -> dict:
    base = {
        "id": "x",
        "operations": ["join_left"],
        "lanes": ["streaming"],
        "variants": ["*"],
        "polars": ">=0.1",
        "outcomes": ["mismatch"],
        "reason": "because",
    }
    return {**base, **overrides}


def test_shipped_registry_is_valid_and_every_reproducer_exists() -> None:
    issues = load_registry()
    assert issues
    assert all(i.reproducer is not None and i.reproducer.is_file() for i in issues)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (
            {"operations": ["no_such_op"]},
            "unknown operation in known issue #1 (x) 'no_such_op'; valid choices: ",
        ),
        ({"lanes": ["tpu"]}, "unknown lane in known issue #1 (x) 'tpu'; valid choices: in-memory"),
        (
            {"lanes": ["tpu*"]},
            "unknown lane in known issue #1 (x) 'tpu*'; valid choices: in-memory",
        ),
        (
            {"outcomes": ["oops"]},
            "unknown outcome in known issue #1 (x) 'oops'; valid choices: pass",
        ),
        ({"operations": ["join_*"]}, "an operation pattern needs a 'detail' pattern"),
        ({"colour": "red"}, "unknown field in known issue #1 (x) 'colour'"),
        ({"polars": "about 2"}, "bad Polars version range 'about 2'"),
        ({"reproducer": "missing.py"}, "does not exist"),
    ],
)
def test_bad_entries_are_rejected_with_the_valid_choices(
    override: dict, message: str, tmp_path: Path
) -> None:
    with pytest.raises(ConformanceUsageError, match=None) as info:
        parse_registry({"issue": [entry(**override)]}, tmp_path)
    assert message in str(info.value)


def test_match_respects_names_variant_patterns_outcome_and_version(tmp_path: Path) -> None:
    (issue,) = parse_registry({"issue": [entry(variants=["-*pushdown", "none"])]}, tmp_path)
    assert match([issue], "join_left", "streaming", "none", "mismatch") == "x"
    assert match([issue], "join_left", "streaming", "-predicate_pushdown", "mismatch") == "x"
    assert match([issue], "join_left", "streaming", "all-on", "mismatch") is None
    assert match([issue], "join_left", "in-memory", "none", "mismatch") is None
    assert match([issue], "join_left", "streaming", "none", "panic") is None
    assert match([issue], "join_inner", "streaming", "none", "mismatch") is None
    (sinks,) = parse_registry({"issue": [entry(lanes=["sink_*", "streaming"])]}, tmp_path)
    assert match([sinks], "join_left", "sink_parquet", "all-on", "mismatch") == "x"
    assert match([sinks], "join_left", "streaming", "all-on", "mismatch") == "x"
    assert match([sinks], "join_left", "collect_all", "all-on", "mismatch") is None
    (any_op,) = parse_registry({"issue": [entry(operations=["*"], detail="Kathmandu")]}, tmp_path)
    assert match([any_op], "head", "streaming", "all-on", "mismatch", "Asia/Kathmandu") == "x"
    assert match([any_op], "head", "streaming", "all-on", "mismatch", "Europe/Paris") is None
    (old,) = parse_registry({"issue": [entry(polars=f"<{POLARS_VERSION_STRING}")]}, tmp_path)
    assert match([old], "join_left", "streaming", "none", "mismatch") is None


def _strict_run(tmp_path: Path, exit_code: int) -> subprocess.CompletedProcess[str]:
    (tmp_path / "repro.py").write_text(f"import sys\nprint('checked')\nsys.exit({exit_code})\n")
    (tmp_path / "registry.toml").write_text(
        textwrap.dedent(
            """
            [[issue]]
            id = "planted"
            operations = ["head"]
            lanes = ["streaming"]
            variants = ["*"]
            polars = ">=0.1"
            outcomes = ["mismatch"]
            reason = "planted"
            reproducer = "repro.py"
            """
        )
    )
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "conformance/test_known_issues.py",
            "-p",
            "no:cacheprovider",
            f"--results-dir={tmp_path / 'results'}",
        ],
        cwd=ROOT,
        env={**os.environ, "POLARS_CONFORMANCE_KNOWN_ISSUES": str(tmp_path / "registry.toml")},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_fixed_known_issue_is_reported_loudly(tmp_path: Path) -> None:
    proc = _strict_run(tmp_path, exit_code=0)
    assert proc.returncode == 1
    assert "FIXED: known issue 'planted' no longer reproduces" in proc.stdout


def test_a_known_issue_that_still_reproduces_passes(tmp_path: Path) -> None:
    proc = _strict_run(tmp_path, exit_code=1)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "1 passed" in proc.stdout
