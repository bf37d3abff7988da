"""Reports lead with distinct findings (grouped by signature), stay within GitHub's summary limit,
and flag stale and fixed known-issue entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

from reports import markdown
from reports.analysis import analyse
from reports.html import render_html
from reports.markdown import LIMIT_BYTES, render_markdown
from reports.records import encode_frames
from reports.summary import render_summary

LANES = ["in-memory", "streaming", *(f"lane{i}" for i in range(13))]
CHECKS = [f"op{i:03}" for i in range(260)]
SMALL, LARGE = pl.DataFrame({"a": [1]}), pl.DataFrame({"a": list(range(50))})


def _record(
    op: str, lane: str, outcome: str, detail: str = "", variant: str = "all-on", **extra: Any
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "operation": op,
        "lane": lane,
        "variant": variant,
        "outcome": outcome,
        "polars_version": "1.31.0",
        "detail": detail,
        "reproduce": {"pytest": f"python -m pytest -k {op}"},
    }
    return {**record, **extra}


def _failing(op: str, lane: str, detail: str, frame: pl.DataFrame, **extra: Any) -> dict[str, Any]:
    reproduce = {
        "pytest": f"python -m pytest -k {op}",
        "query": "query = lambda lf: lf",
        "inputs": encode_frames([frame]),
        "script": {"kind": "code", "body": "sys.exit(1)"},
    }
    return _record(op, lane, "mismatch", detail, reproduce=reproduce, **extra)


def _results(records: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "schema_version": 2,
        "polars_version": "1.31.0",
        "hypothesis_profile": "fast",
        "variants": ["all-on", "none"],
        "checks": CHECKS,
        "lanes": dict.fromkeys(LANES, "available"),
        "skipped": [],
        "known_issues": [],
        "records": records,
        **extra,
    }


def _big_run() -> dict[str, Any]:
    """593 failing cells from a handful of causes, values differing in every detail."""
    records = [_record(c, lane, "pass") for c in CHECKS for lane in LANES]
    for i in range(400):  # one cause, met on many operations with many different values
        detail = (
            f"DataFrames are different (value mismatch for column 'c{i}')\n[left]: [{i}]\n"
            + "x" * 3000
        )
        frame = SMALL if i == 123 else LARGE
        records.append(_failing(CHECKS[i % 260], LANES[1 + i % 14], detail, frame))
    for i in range(150):
        detail = f"panic: index out of bounds: the len is {i} but the index is {i + 1}"
        records.append(_record(CHECKS[i], "streaming", "panic", detail, variant="none"))
    for i in range(40):
        records.append(_record(CHECKS[i], "lane3", "error-divergence", f"{i}", known_issue="k1"))
    for i in range(3):  # three singular causes
        records.append(_record(CHECKS[i], "lane4", "crash", f"died {'abc'[i]}x" * (i + 1)))
    return _results(
        records,
        known_issues=[
            {"id": "k1", "polars": ">=1", "reason": "matched", "reproducer": "k1.py"}
            | {"applicable": True, "matched": 40, "reproducer_status": "reproduces"},
            {"id": "stale-one", "polars": ">=1", "reason": "gone?", "reproducer": "s.py"}
            | {"applicable": True, "matched": 0, "reproducer_status": "reproduces"},
            {"id": "fixed-one", "polars": "<2", "reason": "fixed upstream", "reproducer": "f.py"}
            | {"applicable": True, "matched": 3, "reproducer_status": "fixed"},
            {"id": "other-version", "polars": "<1", "reason": "old", "reproducer": "o.py"}
            | {"applicable": False, "matched": 0, "reproducer_status": "not-run"},
        ],
    )


def test_failures_group_into_distinct_findings_largest_first(tmp_path: Path) -> None:
    run = analyse(_big_run(), tmp_path)
    assert [f.cells for f in run.new_findings] == [400, 150, 1, 1, 1]
    first = run.new_findings[0]
    assert first.signature == "mismatch: value mismatch for column '…'"
    assert len(first.operations) == 260
    assert len(first.lanes) == 14
    assert first.example["operation"] == CHECKS[123]  # the smallest input
    assert first.reproducer is not None
    assert first.reproducer.parent == tmp_path / "reproducers"
    assert run.new_findings[1].reproducer is None  # a panic without a recorded input
    assert [(f.known_issue, f.cells) for f in run.known_findings] == [("k1", 40)]


def test_markdown_leads_with_findings_and_fits_a_job_summary(tmp_path: Path) -> None:
    text = render_markdown(analyse(_big_run(), tmp_path))
    assert len(text.encode()) < LIMIT_BYTES
    assert text.index("## New findings: 5") < text.index("## Known findings: 1")
    assert text.index("## Known findings") < text.index("## Known issues: stale and fixed")
    assert text.index("## Known issues: stale and fixed") < text.index("## Matrix")
    assert f"(reproducers/{CHECKS[123]}--lane" in text  # the smallest example's file
    stale, fixed = text.index("| stale-one |"), text.index("| fixed-one |")
    assert "stale: applies to this Polars" in text[stale:fixed]
    assert "fixed: its reproducer no longer fails" in text[fixed:]
    assert "other-version" not in text
    assert "| k1 |" not in text.split("## Known issues")[1]  # a matched entry is no alert


def test_markdown_matrix_shrinks_to_problem_rows_when_it_does_not_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [_record(c, lane, "pass") for c in CHECKS for lane in LANES]
    records += [_record(c, "streaming", "panic", "boom") for c in CHECKS[:150]]
    run = analyse(_results(records), tmp_path)
    monkeypatch.setattr(markdown, "_BUDGET", 20_000)
    text = render_markdown(run)
    assert len(text.encode()) < 20_000
    assert "110 rows where every column agreed or could not run are left out" in text
    assert "more rows: see report.html" in text
    assert f"| {CHECKS[0]} |" in text
    assert f"| {CHECKS[200]} |" not in text


def test_every_report_leads_with_findings(tmp_path: Path) -> None:
    results = _big_run()
    summary = render_summary(analyse(results, tmp_path))
    assert summary.index("5 new findings") < summary.index("check ")
    assert f"python {tmp_path / 'reproducers'}" in summary
    assert "known issue stale-one: stale" in summary
    page = render_html(analyse(results, tmp_path))
    assert page.index("New findings: 5") < page.index("<h2>Matrix</h2>")
    assert 'href="reproducers/' in page


def test_no_failure_says_so(tmp_path: Path) -> None:
    results = _results([_record("op000", "streaming", "pass")])
    assert "No discrepancy" in render_markdown(analyse(results, tmp_path))
    assert "findings" not in render_summary(analyse(results, tmp_path))
