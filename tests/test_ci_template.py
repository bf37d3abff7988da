"""The GitHub Actions template users copy: valid for actionlint, and running the README's command.

The workflow is only as good as the command it runs, so the command is the README's (section
"CI template") verbatim, and what the template promises around it (the matrix, the caches, the
job summary, the artifacts) is read from the YAML itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance.run.profiles import PROFILES

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "ci-templates" / "github" / "polars-conformance.yml"


def _actionlint() -> str | None:
    """The actionlint of this environment (the `dev` extra installs it beside Python)."""
    beside = Path(sys.executable).parent / "actionlint"
    return str(beside) if beside.is_file() else shutil.which("actionlint")


def _workflow() -> dict[str, Any]:
    return yaml.safe_load(TEMPLATE.read_text())


def _steps() -> list[dict[str, Any]]:
    (job,) = _workflow()["jobs"].values()
    return job["steps"]


def readme_command() -> str:
    """The main-job command: the `python -m nox` line of the README's "CI template" section."""
    section = re.search(
        r"^## CI template\n(.*?)^## ", (ROOT / "README.md").read_text(), re.M | re.S
    )
    assert section, "README.md has no 'CI template' section"
    (command,) = re.findall(r"^python -m nox -s conformance .*$", section.group(1), re.M)
    return command


def test_actionlint_accepts_the_template() -> None:
    actionlint = _actionlint()
    if actionlint is None:
        pytest.skip("actionlint is not installed (the `dev` extra installs it: nox -s tests)")
    proc = subprocess.run(
        [actionlint, "-no-color", str(TEMPLATE)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_template_runs_the_readme_command() -> None:
    runs = [step["run"].strip() for step in _steps() if "run" in step]
    assert readme_command() in runs, runs
    (job,) = _workflow()["jobs"].values()
    assert {"MODE", "POLARS", "LANE"} <= set(job["env"])  # what the command reads
    assert "'nightly'" in job["env"]["MODE"]
    assert "'pr'" in job["env"]["MODE"]


def test_the_template_matrix_caches_summary_and_artifacts() -> None:
    (job,) = _workflow()["jobs"].values()
    matrix = job["strategy"]["matrix"]
    assert len(matrix["polars"]) >= 2
    assert len(matrix["lane"]) >= 2
    uses = {step.get("uses", "").split("@")[0]: step for step in _steps()}
    for cache in ("actions/cache/restore", "actions/cache/save"):
        paths = uses[cache]["with"]["path"].split()
        assert {".hypothesis", "corpus"} <= set(paths), (cache, paths)
    assert uses["actions/cache/save"]["if"] == "always()"  # the corpus grows when the job fails
    summary = next(s for s in _steps() if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert "results/report.md" in summary["run"]
    assert summary["if"] == "always()"
    upload = uses["actions/upload-artifact"]
    assert upload["if"] == "always()"
    assert {"results/report.html", "results/reproducers/"} <= set(upload["with"]["path"].split())


def test_nox_modes_name_real_profiles_and_options() -> None:
    noxfile = pytest.importorskip("noxfile")
    assert {mode: profile for mode, (profile, _) in noxfile.MODES.items()} == {
        "pr": "fast",
        "nightly": "nightly",
    }
    assert all(profile in PROFILES for profile, _ in noxfile.MODES.values())
    assert noxfile.MODES["pr"][1] == ["--findings=report"]
