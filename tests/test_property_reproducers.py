"""A property's failure gets a standalone reproducer that replays its inputs and its draws.

A planted streaming engine drops the last row of every result of more than two rows, which breaks
the TLP relation (the three partitions no longer add up to the whole). The property's failing
record must name its query, carry its draws as source, and its reproducer must exit 1 under the
plant and 0 without it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_SITECUSTOMIZE = """
import functools

import polars as pl

_collect = pl.LazyFrame.collect


@functools.wraps(_collect)  # keeps the signature the lanes read `engine=` from
def collect(self, *args, **kwargs):
    out = _collect(self, *args, **kwargs)
    return out.head(-1) if kwargs.get("engine") == "streaming" and out.height > 2 else out


pl.LazyFrame.collect = collect
"""


def _run(args: list[str], planted: Path | None, env: dict[str, str]) -> subprocess.CompletedProcess:
    path = [str(planted)] if planted else []
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, **env, "PYTHONPATH": os.pathsep.join([*path, str(ROOT)])},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_property_failure_replays_standalone_with_its_draws(tmp_path: Path) -> None:
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "sitecustomize.py").write_text(_SITECUSTOMIZE)
    registry = tmp_path / "registry.toml"
    registry.write_text("")
    results = tmp_path / "results"
    env = {"POLARS_CONFORMANCE_KNOWN_ISSUES": str(registry), "POLARS_CONFORMANCE_PROFILE": "fast"}
    run = _run(
        [
            "-m",
            "pytest",
            "conformance/test_properties.py",
            "-p",
            "no:cacheprovider",
            "--ops=oracle.tlp_filter",
            "--engines=streaming",
            f"--results-dir={results}",
        ],
        planted,
        env,
    )
    assert run.returncode == 1, run.stdout[-3000:] + run.stderr[-3000:]
    records = json.loads((results / "results.json").read_text())["records"]
    # the plant can show as more than one TLP violation (a distinct symptom each): every one of
    # them, and every reproducer written for them, must hold
    failing = [r for r in records if r["outcome"] == "oracle-violation"]
    assert failing
    for record in failing:
        assert "#   def " in record["reproduce"]["query"]  # the property's check names the query
        assert "_predicate(" in record["reproduce"]["script"]["body"]  # the drawn predicate
    reproducers = sorted((results / "reproducers").glob("oracle.tlp_filter*.py"))
    assert reproducers
    for reproducer in reproducers:
        broken = _run([str(reproducer)], planted, {})
        assert broken.returncode == 1, broken.stdout + broken.stderr
        fixed = _run([str(reproducer)], None, {})
        assert fixed.returncode == 0, fixed.stdout + fixed.stderr
        assert "the discrepancy is fixed" in fixed.stdout
