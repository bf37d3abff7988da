"""`python -m reports results.json` renders every report from the file alone, without `conformance`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl

from conformance.engines.lanes import LANES
from conformance.engines.passes import BASELINE
from conformance.judge.compare import ORDERED
from conformance.run.reproduce_spec import reproduce_fields

ROOT = Path(__file__).resolve().parent.parent
STREAMING = next(lane for lane in LANES if lane.name == "streaming")

# Runs the CLI, then says whether anything imported `conformance` on the way.
_WRAPPER = """
import sys
from reports.__main__ import main
code = main(sys.argv[1:])
leaked = sorted(m for m in sys.modules if m == "conformance" or m.startswith("conformance."))
print("conformance modules:", leaked)
sys.exit(code)
"""


def _results(tmp_path: Path) -> Path:
    frame = pl.DataFrame({"v": [3, 1, 2]})
    failing = {
        "operation": "sort",
        "lane": "streaming",
        "variant": "all-on",
        "outcome": "mismatch",
        "polars_version": pl.__version__,
        "detail": "DataFrames are different (value mismatch for column 'v')",
        "reproduce": reproduce_fields(
            "query = lambda lf: lf.sort('v')", [frame], STREAMING, BASELINE, ORDERED
        ),
    }
    passing = {**failing, "lane": "in-memory", "outcome": "pass", "reproduce": {}}
    results = {
        "schema_version": 2,
        "polars_version": pl.__version__,
        "checks": ["sort", "head"],
        "lanes": {"in-memory": "available", "streaming": "available", "gpu": "no CUDA device"},
        "skipped": [["sort", "gpu", "gpu: no CUDA device"], ["head", "gpu", "gpu: no CUDA device"]],
        "known_issues": [],
        "records": [passing, failing],
    }
    path = tmp_path / "results.json"
    path.write_text(json.dumps(results))
    return path


def test_reports_render_from_results_json_without_importing_conformance(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(_results(tmp_path)), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "conformance modules: []" in proc.stdout
    assert "1 new findings" in proc.stdout
    assert (out / "report.md").read_text().startswith("# Polars")
    assert "New findings: 1" in (out / "report.html").read_text()
    (script,) = (out / "reproducers").glob("*.py")
    assert script.name == "sort--streaming--all-on.py"
    fixed = subprocess.run(  # the recorded mismatch was invented: this Polars agrees
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr


def test_an_unreadable_results_file_is_one_line_of_usage_error(tmp_path: Path) -> None:
    (tmp_path / "results.json").write_text("{not json")
    proc = subprocess.run(
        [sys.executable, "-m", "reports", str(tmp_path / "results.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert "cannot read" in proc.stderr
