"""A pytest-xdist worker that dies inside a cell is recorded as a crash, and the run goes on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_dead_worker_is_recorded_as_crash(tmp_path: Path) -> None:
    # A stand-in conformance module: same fixtures and items as the real one, but the explode
    # item kills its worker the way a segfault in Polars would.
    (tmp_path / "test_dies.py").write_text(
        textwrap.dedent(
            """
            import os

            def test_operation(operation, supervised):
                if operation.name == "explode":
                    os.abort()
            """
        )
    )
    results = tmp_path / "results"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(tmp_path / "test_dies.py"),
            "-p",
            "conftest",
            "--rootdir",
            str(tmp_path),
            "-p",
            "no:cacheprovider",
            "--ops=head,explode",
            "--engines=in-memory,streaming",
            f"--results-dir={results}",
            "-n",
            "2",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "1 failed, 1 passed" in proc.stdout
    records = json.loads((results / "results.json").read_text())["records"]
    crashes = [r for r in records if r["outcome"] == "crash"]
    assert len(crashes) == 1
    assert (crashes[0]["operation"], crashes[0]["lane"]) == ("explode", "*")  # every lane's item
    assert "test_operation[explode]" in crashes[0]["test_id"]
