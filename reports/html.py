"""The HTML report: one self-contained file (no network): the findings, then a filterable matrix."""

from __future__ import annotations

import html
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from reports.analysis import Run
from reports.findings import Finding
from reports.matrix import MatrixCell
from reports.outcomes import SEVERITY, colour

COLOURS = {s.value: s.colour for s in SEVERITY}
_MAX_DETAIL_CHARS = 3000
_MAX_PROBLEMS_PER_CELL = 50
REFERENCE_NOTE = (
    "a reference, not a lane: another evaluator of the same query on the baseline's lane (eager: "
    "its eager DataFrame twin; duckdb: its SQL twin on DuckDB; serde-<format>: its plan "
    "serialized, deserialized and collected), compared with the baseline"
)


def _light(hex_colour: str) -> bool:
    """Whether a background is light enough to need dark text (relative luminance)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.55


_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>__TITLE__</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; }
th.sortable { cursor: pointer; }
th.reference { background: #f3e5f5; }
td.cell { color: white; cursor: pointer; min-width: 7em; }
td.cell.light { color: #222; }
#controls > * { margin-right: 1em; }
#details { margin-top: 1em; white-space: pre-wrap; font-family: monospace; background: #f6f6f6; padding: 1em; }
.legend span, .badge { display: inline-block; padding: 2px 6px; margin: 2px; color: white; }
.badge.light, .legend span.light { color: #222; }
table.findings td { vertical-align: top; }
table.findings pre { max-width: 60em; max-height: 20em; overflow: auto; margin: 0; }
</style></head>
<body>
<h1>__TITLE__</h1>
<p id="meta"></p>
__FINDINGS__
<h2>Matrix</h2>
__MATRIX_NOTE__
<div class="legend" id="legend"></div>
<div id="controls">
  <label>operation <input id="opFilter" placeholder="filter, e.g. join"></label>
  <label>column <select id="laneFilter"><option value="">all</option></select></label>
  <label>outcome <select id="statusFilter"><option value="">all</option></select></label>
</div>
<table id="matrix"><thead></thead><tbody></tbody></table>
<div id="details">Click a cell for its details.</div>
<script id="data" type="application/json">__DATA__</script>
<script>
const data = JSON.parse(document.getElementById("data").textContent);
const colours = data.colours;
const lightInk = data.light;
let sortKey = "operation", sortDir = 1;
document.getElementById("meta").textContent = data.meta;
for (const [k, c] of Object.entries(colours)) {
  const s = document.createElement("span"); s.textContent = k; s.style.background = c;
  s.title = data.meanings[k]; if (lightInk.includes(k)) s.className = "light";
  document.getElementById("legend").appendChild(s);
}
for (const lane of data.columns) document.getElementById("laneFilter").add(new Option(lane, lane));
for (const st of Object.keys(colours)) document.getElementById("statusFilter").add(new Option(st, st));
const quiet = ["native", "unavailable", "not-run"];
function problems(op) { return data.columns.reduce((n, l) => n + (quiet.includes(data.cells[op][l].status) ? 0 : 1), 0); }
function render() {
  const opF = document.getElementById("opFilter").value.toLowerCase();
  const laneF = document.getElementById("laneFilter").value;
  const stF = document.getElementById("statusFilter").value;
  const lanes = data.columns.filter(l => !laneF || l === laneF);
  const head = document.querySelector("#matrix thead");
  head.innerHTML = "";
  const tr = head.insertRow();
  const th = document.createElement("th"); th.textContent = "operation"; th.className = "sortable";
  th.onclick = () => { sortDir = sortKey === "operation" ? -sortDir : 1; sortKey = "operation"; render(); };
  tr.appendChild(th);
  for (const lane of lanes) {
    const h = document.createElement("th"); h.textContent = lane;
    if (data.references.includes(lane)) { h.className = "reference"; h.title = data.referenceNote; }
    tr.appendChild(h);
  }
  const ph = document.createElement("th"); ph.textContent = "problems"; ph.className = "sortable";
  ph.onclick = () => { sortDir = sortKey === "problems" ? -sortDir : -1; sortKey = "problems"; render(); };
  tr.appendChild(ph);
  let ops = data.operations.filter(op => op.toLowerCase().includes(opF));
  ops = ops.filter(op => !stF || lanes.some(l => data.cells[op][l].status === stF));
  ops.sort((a, b) => sortKey === "operation" ? sortDir * a.localeCompare(b) : sortDir * (problems(a) - problems(b)));
  const body = document.querySelector("#matrix tbody");
  body.innerHTML = "";
  for (const op of ops) {
    const row = body.insertRow();
    row.insertCell().textContent = op;
    for (const lane of lanes) {
      const cell = data.cells[op][lane];
      const td = row.insertCell();
      td.className = "cell" + (lightInk.includes(cell.status) ? " light" : "");
      td.style.background = colours[cell.status] || "#999";
      td.textContent = cell.label;
      td.dataset.status = cell.status;
      td.onclick = () => showDetails(op, lane);
    }
    row.insertCell().textContent = problems(op);
  }
}
function showDetails(op, lane) {
  const cell = data.cells[op][lane];
  const where = data.references.includes(lane) ? `the reference ${lane}` : lane;
  const lines = [`${op} on ${where}: ${cell.status}`, `outcomes: ${JSON.stringify(cell.counts)}`];
  if (cell.skipped) lines.push(`unavailable: ${cell.skipped}`);
  for (const p of cell.problems) {
    lines.push("", `[${p.outcome}] variant ${p.variant}` + (p.culprit ? ` culprit: ${p.culprit.join(", ")}` : "") + (p.known_issue ? ` known issue: ${p.known_issue}` : ""));
    if (p.verdict) lines.push(`which side is wrong: ${p.verdict}`);
    if (p.reproducer) lines.push(`reproducer: python ${p.reproducer}`);
    lines.push(p.detail);
  }
  document.getElementById("details").textContent = lines.join("\\n");
}
for (const id of ["opFilter", "laneFilter", "statusFilter"]) document.getElementById(id).oninput = render;
render();
</script>
</body></html>
"""


def _label(cell: MatrixCell) -> str:
    if cell.status == "unavailable":
        return "unavailable"
    if cell.status == "not-run":
        return "-"
    return f"{cell.status} {cell.tally}"


def _badge(outcome: str) -> str:
    light = " light" if _light(colour(outcome)) else ""
    return f'<span class="badge{light}" style="background:{colour(outcome)}">{html.escape(outcome)}</span>'


def _href(run: Run, path: Path | None) -> str:
    if path is None:
        return "-"
    rel = os.path.relpath(path, run.out_dir)
    return f'<a href="{html.escape(rel)}">{html.escape(path.name)}</a>'


def _names(names: Sequence[str]) -> str:
    return html.escape(", ".join(names))


def _finding_row(run: Run, number: int, finding: Finding) -> str:
    example = finding.example
    detail = example.get("detail", "")[:_MAX_DETAIL_CHARS]
    where = f"{example['operation']} on {example['lane']} with {example['variant']}"
    command = example.get("reproduce", {}).get("pytest", "")
    verdict = example.get("verdict")
    judged = f"<pre>which side is wrong: {html.escape(verdict)}</pre>" if verdict else ""
    return (
        f"<tr><td>{number}</td><td>{_badge(finding.outcome)}</td>"
        f"<td><code>{html.escape(finding.signature)}</code>"
        f"<details><summary>smallest example: {html.escape(where)}</summary>"
        f"{judged}"
        f"<pre>{html.escape(detail)}</pre><pre>{html.escape(command)}</pre></details></td>"
        f"<td>{finding.cells}</td><td>{_names(finding.operations)}</td>"
        f"<td>{_names(finding.lanes)}</td><td>{_names(finding.verdicts) or '-'}</td>"
        f"<td>{_href(run, finding.reproducer)}</td></tr>"
    )


def _findings_html(run: Run) -> str:
    """The findings and the registry alerts, as static HTML above the matrix."""
    parts = []
    if not run.findings:
        parts.append(
            "<p>No discrepancy: every checked cell agreed with its baseline or contract.</p>"
        )
    if run.new_findings:
        rows = "".join(_finding_row(run, i, f) for i, f in enumerate(run.new_findings, 1))
        parts.append(
            f"<h2>New findings: {len(run.new_findings)}</h2>"
            '<table class="findings"><thead><tr><th>#</th><th>outcome</th><th>signature</th>'
            "<th>cells</th><th>operations</th><th>lanes</th><th>verdict</th><th>reproducer</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
    if run.known_findings:
        rows = "".join(
            f"<tr><td>{html.escape(f.known_issue or '')}</td><td>{_badge(f.outcome)}</td>"
            f"<td><code>{html.escape(f.signature)}</code></td><td>{f.cells}</td>"
            f"<td>{_names(f.operations)}</td><td>{_names(f.lanes)}</td></tr>"
            for f in run.known_findings
        )
        parts.append(
            f"<h2>Known findings: {len(run.known_findings)}</h2>"
            '<table class="findings"><thead><tr><th>known issue</th><th>outcome</th>'
            "<th>signature</th><th>cells</th><th>operations</th><th>lanes</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    if alerts := run.registry_alerts():
        rows = "".join(
            f"<tr><td>{html.escape(str(e['id']))}</td><td>{html.escape(str(e.get('polars', '')))}</td>"
            f"<td>{html.escape(str(e.get('first_seen') or '-'))}</td>"
            f"<td>{html.escape(why)}</td><td>{html.escape(str(e.get('reason', '')))}</td>"
            f"<td>{html.escape(str(e.get('reproducer') or '-'))}</td></tr>"
            for e, why in alerts
        )
        parts.append(
            "<h2>Known issues: stale and fixed</h2>"
            '<table class="findings"><thead><tr><th>id</th><th>polars</th><th>first seen</th>'
            "<th>status</th><th>reason</th><th>reproducer</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    legend = "".join(
        f"<tr><td>{_badge(s.value)}</td><td>{html.escape(s.meaning)}</td></tr>" for s in SEVERITY
    )
    parts.append(
        f"<details><summary>What the outcomes mean</summary><table>{legend}</table></details>"
    )
    return "\n".join(parts)


def _cell_data(run: Run, check: str, lane: str) -> dict[str, Any]:
    cell = run.matrix[check, lane]
    seen: set[tuple[str, str]] = set()
    problems: list[Mapping[str, Any]] = []
    for p in cell.problems:
        if (p["variant"], p["outcome"]) in seen or len(problems) >= _MAX_PROBLEMS_PER_CELL:
            continue
        seen.add((p["variant"], p["outcome"]))
        repro = run.reproducer(p)
        problems.append(
            {
                "variant": p["variant"],
                "outcome": p["outcome"],
                "detail": p.get("detail", "")[:_MAX_DETAIL_CHARS],
                "culprit": p.get("culprit"),
                "known_issue": p.get("known_issue"),
                "verdict": p.get("verdict"),
                "reproducer": str(repro) if repro else None,
            }
        )
    return {
        "status": cell.status,
        "label": _label(cell),
        "counts": dict(cell.counts),
        "skipped": cell.skipped,
        "problems": problems,
    }


def _matrix_note(run: Run) -> str:
    if not run.references:
        return ""
    names = ", ".join(f"<code>{html.escape(name)}</code>" for name in run.references)
    return f'<p class="references">Columns {names}: {html.escape(REFERENCE_NOTE)}.</p>'


def render_html(run: Run) -> str:
    results = run.results
    data = {
        "meta": f"{len(results.get('records', []))} checked cells; Hypothesis profile "
        f"{results.get('hypothesis_profile')}; {len(results.get('variants', []))} optimizer "
        "variants; baseline: in-memory, all passes on. "
        + " ".join(
            f"{lane} plans read by {p['probe']} ({p['status']}){': ' + p['caveat'] if p.get('caveat') else ''}."
            for lane, p in results.get("plan_probes", {}).items()
        ),
        "operations": run.checks,
        "columns": run.columns,
        "references": run.references,
        "referenceNote": REFERENCE_NOTE,
        "cells": {c: {col: _cell_data(run, c, col) for col in run.columns} for c in run.checks},
        "colours": COLOURS,
        "meanings": {s.value: s.meaning for s in SEVERITY},
        "light": [name for name, c in COLOURS.items() if _light(c)],
    }
    payload = json.dumps(data).replace("</", "<\\/")  # a detail text must not close the script tag
    return (
        _TEMPLATE.replace("__TITLE__", html.escape(run.title))
        .replace("__FINDINGS__", _findings_html(run))
        .replace("__MATRIX_NOTE__", _matrix_note(run))
        .replace("__DATA__", payload)
    )
