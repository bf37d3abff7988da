"""The HTML report: one self-contained file (no network) with a filterable, sortable matrix."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from typing import Any

from reports.matrix import MatrixCell

COLOURS = {
    "native": "#2e7d32",
    "fallback": "#f9a825",
    "known": "#8e24aa",
    "mismatch": "#c62828",
    "error-divergence": "#ef6c00",
    "panic": "#b71c1c",
    "crash": "#4a148c",
    "timeout": "#6d4c41",
    "unsupported": "#78909c",
    "unavailable": "#bdbdbd",
    "not-run": "#eeeeee",
}

_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>__TITLE__</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; }
th.sortable { cursor: pointer; }
td.cell { color: white; cursor: pointer; min-width: 7em; }
td.cell.light { color: #222; }
#controls > * { margin-right: 1em; }
#details { margin-top: 1em; white-space: pre-wrap; font-family: monospace; background: #f6f6f6; padding: 1em; }
.legend span { display: inline-block; padding: 2px 6px; margin: 2px; color: white; }
</style></head>
<body>
<h1>__TITLE__</h1>
<p id="meta"></p>
<div class="legend" id="legend"></div>
<div id="controls">
  <label>operation <input id="opFilter" placeholder="filter, e.g. join"></label>
  <label>lane <select id="laneFilter"><option value="">all</option></select></label>
  <label>outcome <select id="statusFilter"><option value="">all</option></select></label>
</div>
<table id="matrix"><thead></thead><tbody></tbody></table>
<div id="details">Click a cell for its details.</div>
<script id="data" type="application/json">__DATA__</script>
<script>
const data = JSON.parse(document.getElementById("data").textContent);
const colours = data.colours;
let sortKey = "operation", sortDir = 1;
document.getElementById("meta").textContent = data.meta;
for (const [k, c] of Object.entries(colours)) {
  const s = document.createElement("span"); s.textContent = k; s.style.background = c;
  if (k === "not-run" || k === "unavailable") s.style.color = "#222";
  document.getElementById("legend").appendChild(s);
}
for (const lane of data.lanes) document.getElementById("laneFilter").add(new Option(lane, lane));
for (const st of Object.keys(colours)) document.getElementById("statusFilter").add(new Option(st, st));
const quiet = ["native", "unavailable", "not-run"];
function problems(op) { return data.lanes.reduce((n, l) => n + (quiet.includes(data.cells[op][l].status) ? 0 : 1), 0); }
function render() {
  const opF = document.getElementById("opFilter").value.toLowerCase();
  const laneF = document.getElementById("laneFilter").value;
  const stF = document.getElementById("statusFilter").value;
  const lanes = data.lanes.filter(l => !laneF || l === laneF);
  const head = document.querySelector("#matrix thead");
  head.innerHTML = "";
  const tr = head.insertRow();
  const th = document.createElement("th"); th.textContent = "operation"; th.className = "sortable";
  th.onclick = () => { sortDir = sortKey === "operation" ? -sortDir : 1; sortKey = "operation"; render(); };
  tr.appendChild(th);
  for (const lane of lanes) { const h = document.createElement("th"); h.textContent = lane; tr.appendChild(h); }
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
      td.className = "cell" + (["not-run", "unavailable", "fallback"].includes(cell.status) ? " light" : "");
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
  const lines = [`${op} on ${lane}: ${cell.status}`, `outcomes: ${JSON.stringify(cell.counts)}`];
  if (cell.skipped) lines.push(`unavailable: ${cell.skipped}`);
  for (const p of cell.problems) {
    lines.push("", `[${p.outcome}] variant ${p.variant}` + (p.culprit ? ` culprit: ${p.culprit.join(", ")}` : "") + (p.known_issue ? ` known issue: ${p.known_issue}` : ""));
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


def render_html(
    meta: Mapping[str, Any],
    matrix: Mapping[tuple[str, str], MatrixCell],
    operations: Sequence[str],
    lanes: Sequence[str],
    reproducers: Mapping[tuple[str, str, str], Any],
) -> str:
    title = f"Polars {meta['polars_version']} conformance"
    cells: dict[str, dict[str, Any]] = {}
    for op in operations:
        cells[op] = {}
        for lane in lanes:
            cell = matrix[op, lane]
            seen: set[tuple[str, str]] = set()
            problems = []
            for p in cell.problems:
                if (p["variant"], p["outcome"]) in seen or len(problems) >= 50:
                    continue
                seen.add((p["variant"], p["outcome"]))
                repro = reproducers.get((op, lane, p["variant"]))
                problems.append(
                    {
                        "variant": p["variant"],
                        "outcome": p["outcome"],
                        "detail": p.get("detail", "")[:3000],
                        "culprit": p.get("culprit"),
                        "known_issue": p.get("known_issue"),
                        "reproducer": str(repro) if repro else None,
                    }
                )
            cells[op][lane] = {
                "status": cell.status,
                "label": _label(cell),
                "counts": dict(cell.counts),
                "skipped": cell.skipped,
                "problems": problems,
            }
    data = {
        "meta": f"Hypothesis profile {meta.get('hypothesis_profile')}; "
        f"{len(meta.get('variants', []))} optimizer variants; baseline: in-memory, all passes on. "
        + " ".join(
            f"{lane} plans read by {p['probe']} ({p['status']}){': ' + p['caveat'] if p.get('caveat') else ''}."
            for lane, p in meta.get("plan_probes", {}).items()
        ),
        "operations": list(operations),
        "lanes": list(lanes),
        "cells": cells,
        "colours": COLOURS,
    }
    payload = json.dumps(data).replace("</", "<\\/")  # a detail text must not close the script tag
    return _TEMPLATE.replace("__TITLE__", html.escape(title)).replace("__DATA__", payload)
