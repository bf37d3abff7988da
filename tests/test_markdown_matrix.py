"""The references of the baseline's lane (the eager twin, DuckDB, the plan's serialization round
trips) are matrix columns of their own in every report, counted apart from the lane's cells, and
only where the run has them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from reports.analysis import analyse
from reports.html import render_html
from reports.markdown import render_markdown
from reports.summary import render_summary

LANES = {"in-memory": "available", "streaming": "available", "gpu": "no CUDA device"}
CHECKS = ["filter", "join_inner", "sort"]


def _record(op: str, lane: str, variant: str, outcome: str, detail: str = "") -> dict[str, Any]:
    return {
        "operation": op,
        "lane": lane,
        "variant": variant,
        "outcome": outcome,
        "polars_version": "2.1.0",
        "detail": detail,
        "reproduce": {},
    }


def _results(records: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "polars_version": "2.1.0",
        "hypothesis_profile": "fast",
        "variants": ["all-on", "none"],
        "checks": CHECKS,
        "lanes": LANES,
        "skipped": [[op, "gpu", "gpu: no CUDA device"] for op in CHECKS]
        + [["sort", "in-memory", "sort: Polars 9.9 has no 'sort'"]],
        "known_issues": [],
        "records": records,
    }


def _with_references() -> dict[str, Any]:
    """In-memory cells that all pass, beside DuckDB cells most of which SQL cannot say, an eager
    twin that differs once, and two serialization formats (JSON's bytes known to change)."""
    records = []
    for op in ("filter", "join_inner"):
        for lane in ("in-memory", "streaming"):
            records += [_record(op, lane, v, "pass") for v in ("all-on", "none")]
        records += [_record(op, "in-memory", "duckdb", "unsupported", "128-bit integers")] * 3
        records.append(_record(op, "in-memory", "duckdb", "pass"))
        records += [_record(op, "in-memory", "serde-binary", "pass")] * 2
        json_bytes = _record(op, "in-memory", "serde-json", "roundtrip-mismatch", "after x")
        records += [{**json_bytes, "known_issue": "json-plan-changes-after-collect-schema"}] * 2
    records.append(_record("filter", "in-memory", "eager", "mismatch", "DataFrames are different"))
    records.append(_record("join_inner", "in-memory", "eager", "pass"))
    return _results(records)


def _table(markdown: str) -> list[list[str]]:
    """The Markdown matrix as rows of cells, its header first."""
    lines = markdown.split("## Matrix", 1)[1].splitlines()
    rows = [ln for ln in lines if ln.startswith("| ") and not ln.startswith("|---")]
    table = []
    for row in rows:
        table.append([c.strip() for c in row.strip("|").split(" | ")])
        if len(table) > 1 and table[-1][0] not in CHECKS:
            table.pop()
            break
    return table


def test_references_have_columns_of_their_own_counted_apart(tmp_path: Path) -> None:
    run = analyse(_with_references(), tmp_path)
    assert run.references == ["eager", "duckdb", "serde-binary", "serde-json"]
    assert run.columns == [*LANES, *run.references]
    table = _table(render_markdown(run))
    header, rows = table[0], {row[0]: dict(zip(table[0], row, strict=True)) for row in table[1:]}
    assert header == ["check", *LANES, "eager", "duckdb", "serde-binary", "serde-json"]
    # the lane counts its own two cells only: no "unsupported" from DuckDB, no eager mismatch
    assert rows["filter"]["in-memory"] == "ok (2)"
    assert rows["join_inner"]["in-memory"] == "ok (2)"
    # each reference counts its own cells, the worst first
    assert rows["filter"]["duckdb"] == "**unsupported** 3/4"
    assert rows["filter"]["eager"] == "**mismatch** 1/1"
    assert rows["join_inner"]["eager"] == "ok (1)"
    assert rows["filter"]["serde-binary"] == "ok (2)"
    assert rows["filter"]["serde-json"] == "**known** 2/2"
    # a check its lane cannot run has no reference there either
    assert rows["sort"]["in-memory"] == rows["sort"]["serde-binary"] == "n/a"
    assert rows["filter"]["gpu"] == "n/a"


def test_the_markdown_says_what_the_reference_columns_are(tmp_path: Path) -> None:
    markdown = render_markdown(analyse(_with_references(), tmp_path))
    note = next(ln for ln in markdown.splitlines() if ln.startswith("Columns `eager`"))
    assert "`duckdb`, `serde-binary`, `serde-json` are references, not lanes" in note


def test_a_run_without_references_has_no_reference_column(tmp_path: Path) -> None:
    records = [_record(op, "in-memory", "all-on", "pass") for op in CHECKS[:2]]
    run = analyse(_results(records), tmp_path)
    assert run.references == []
    markdown = render_markdown(run)
    assert _table(markdown)[0] == ["check", *LANES]
    assert "are references" not in markdown
    assert "are references" not in render_html(run)


def test_only_the_references_present_get_a_column(tmp_path: Path) -> None:
    records = [
        _record("filter", "in-memory", "all-on", "pass"),
        _record("filter", "in-memory", "serde-binary", "pass"),
    ]
    run = analyse(_results(records), tmp_path)
    assert run.references == ["serde-binary"]
    assert _table(render_markdown(run))[0] == ["check", *LANES, "serde-binary"]


def test_a_problem_in_a_reference_alone_keeps_its_row_when_the_matrix_shrinks(
    tmp_path: Path,
) -> None:
    run = analyse(_with_references(), tmp_path)
    quiet = [c for c in run.checks if all(run.matrix[c, col].quiet for col in run.columns)]
    assert "filter" not in quiet  # its lanes agree; its eager twin does not
    assert "join_inner" not in quiet  # DuckDB's unsupported cells are worth a look too


def _html_data(page: str) -> dict[str, Any]:
    found = re.search(r'<script id="data" type="application/json">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1).replace("<\\/", "</"))


def test_the_html_matrix_has_the_reference_columns(tmp_path: Path) -> None:
    page = render_html(analyse(_with_references(), tmp_path))
    data = _html_data(page)
    assert data["columns"] == [*LANES, "eager", "duckdb", "serde-binary", "serde-json"]
    assert data["references"] == ["eager", "duckdb", "serde-binary", "serde-json"]
    filter_row = data["cells"]["filter"]
    assert filter_row["in-memory"]["counts"] == {"pass": 2}
    assert filter_row["duckdb"]["counts"] == {"unsupported": 3, "pass": 1}
    assert filter_row["duckdb"]["label"] == "unsupported 3/4"
    assert filter_row["eager"]["status"] == "mismatch"
    assert filter_row["eager"]["problems"][0]["variant"] == "eager"
    assert '<p class="references">Columns <code>eager</code>' in page


def test_the_terminal_summary_has_the_reference_columns(tmp_path: Path) -> None:
    summary = render_summary(analyse(_with_references(), tmp_path))
    header = next(ln for ln in summary.splitlines() if ln.startswith("check"))
    assert header.split() == ["check", *LANES, "eager", "duckdb", "serde-binary", "serde-json"]
    row = next(ln for ln in summary.splitlines() if ln.startswith("filter "))
    assert row.split()[1:3] == ["ok", "2"]  # in-memory: its own two cells
    assert "UNSUPPORTED 3/4" in row
