"""The Markdown report, for a CI job summary (`$GITHUB_STEP_SUMMARY`): findings first, then the matrix.

GitHub refuses a job summary over 1 MiB, so every section is capped: a bounded number of findings
with bounded detail, "... and N more" where rows are left out, and the full matrix only when it
fits (otherwise only its rows with something to look at).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from reports.analysis import Run
from reports.findings import Finding
from reports.matrix import MatrixCell
from reports.outcomes import SEVERITY, Outcome, State

LIMIT_BYTES = 1024 * 1024  # GitHub's job-summary limit
_BUDGET = LIMIT_BYTES - 64 * 1024  # room for whatever a workflow appends
_MAX_FINDINGS = 60
_MAX_DETAILED = 10  # findings shown with their example's detail
_MAX_NAMES = 6  # operations or lanes named per finding
_MAX_DETAIL_CHARS = 1500
_MAX_ROWS = 200  # rows of the known-finding, registry and fallback tables
_SYMBOL = {State.UNAVAILABLE.value: "n/a", State.NOT_RUN.value: "-"}


def _cell_text(text: str) -> str:
    """`text` safe inside a table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return "`" + _cell_text(text).replace("`", "'") + "`"


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:_MAX_NAMES])
    more = len(names) - _MAX_NAMES
    return f"{shown} (+{more} more)" if more > 0 else shown


def _link(run: Run, path: Path | None) -> str:
    if path is None:
        return "-"
    return f"[{path.name}]({os.path.relpath(path, run.out_dir)})"


def _capped(rows: list[str], limit: int, what: str) -> list[str]:
    if len(rows) <= limit:
        return rows
    return [*rows[:limit], "", f"... and {len(rows) - limit} more {what}"]


def _example(run: Run, finding: Finding, number: int) -> list[str]:
    example = finding.example
    detail = example.get("detail", "").strip()
    if len(detail) > _MAX_DETAIL_CHARS:
        detail = detail[:_MAX_DETAIL_CHARS] + "\n..."
    where = f"`{example['operation']}` on `{example['lane']}` with `{example['variant']}`"
    command = (
        f"python {finding.reproducer}"
        if finding.reproducer
        else example.get("reproduce", {}).get("pytest", "")
    )
    lines = [f"**{number}.** {_code(finding.signature)}: {where}", ""]
    if culprit := example.get("culprit"):
        lines += [f"culprit pass: {', '.join(culprit)}", ""]
    if verdict := example.get("verdict"):
        lines += [f"which side is wrong: {_cell_text(verdict)}", ""]
    if command:
        lines += ["```", command, "```", ""]
    if detail:
        lines += ["<details><summary>detail</summary>", "", "```", detail.replace("```", "'''")]
        lines += ["```", "", "</details>", ""]
    return lines


def _new_findings(run: Run) -> list[str]:
    findings = run.new_findings
    if not findings:
        return ["No new finding: every failing cell is a known issue.", ""] if run.findings else []
    rows = [
        f"| {i} | {f.outcome} | {_code(f.signature)} | {f.cells} | {_names(f.operations)} | "
        f"{_names(f.lanes)} | {', '.join(f.verdicts) or '-'} | {_link(run, f.reproducer)} |"
        for i, f in enumerate(findings, 1)
    ]
    lines = [
        f"## New findings: {len(findings)}",
        "",
        "| # | outcome | signature | cells | operations | lanes | verdict | "
        "reproducer (smallest input) |",
        "|---|---|---|---|---|---|---|---|",
        *_capped(rows, _MAX_FINDINGS, "findings (see report.html)"),
        "",
    ]
    for i, finding in enumerate(findings[:_MAX_DETAILED], 1):
        lines += _example(run, finding, i)
    return lines


def _known_findings(run: Run) -> list[str]:
    findings = run.known_findings
    if not findings:
        return []
    rows = [
        f"| {f.known_issue} | {f.outcome} | {_code(f.signature)} | {f.cells} | "
        f"{_names(f.operations)} | {_names(f.lanes)} |"
        for f in findings
    ]
    return [
        f"## Known findings: {len(findings)}",
        "",
        "| known issue | outcome | signature | cells | operations | lanes |",
        "|---|---|---|---|---|---|",
        *_capped(rows, _MAX_ROWS, "known findings"),
        "",
    ]


def _registry(run: Run) -> list[str]:
    alerts = run.registry_alerts()
    if not alerts:
        return []
    rows = [
        f"| {entry['id']} | {_code(str(entry.get('polars', '')))} | "
        f"{entry.get('first_seen') or '-'} | {why} | "
        f"{_cell_text(str(entry.get('reason', '')))[:300]} | {entry.get('reproducer') or '-'} |"
        for entry, why in alerts
    ]
    return [
        "## Known issues: stale and fixed",
        "",
        "| id | polars | first seen | status | reason | reproducer |",
        "|---|---|---|---|---|---|",
        *_capped(rows, _MAX_ROWS, "entries"),
        "",
    ]


def _fallbacks(run: Run) -> list[str]:
    """Per check and lane, the distinct reasons its plans fall back, most frequent first."""
    rows = []
    for op in run.checks:
        for lane in run.lanes:
            cell = run.matrix[op, lane]
            reasons: Counter[str] = Counter()
            for p in cell.problems:
                if p["outcome"] == Outcome.FALLBACK:
                    reasons.update(r for r in p.get("detail", "").split("; ") if r)
            if reasons:
                top = "<br>".join(f"{n}x {_cell_text(r)[:200]}" for r, n in reasons.most_common(5))
                rows.append(f"| {op} | {lane} | {cell.counts[Outcome.FALLBACK.value]} | {top} |")
    if not rows:
        return []
    out = ["## Engine fallbacks", ""]
    for lane, probe in run.results.get("plan_probes", {}).items():
        caveat = probe.get("caveat", "")
        out.append(f"- `{lane}`: {probe['probe']}: {probe['status']}. {caveat}".rstrip())
    return [
        *out,
        "",
        "| operation | lane | plans falling back | reasons (count) |",
        "|---|---|---|---|",
        *_capped(rows, _MAX_ROWS, "rows"),
        "",
    ]


def _matrix_cell(cell: MatrixCell) -> str:
    if cell.status == Outcome.NATIVE:
        return f"ok ({cell.tally})"
    if cell.status in _SYMBOL:
        return _SYMBOL[cell.status]
    return f"**{cell.status}** {cell.tally}"


def _references(run: Run) -> list[str]:
    """What the reference columns are, where the run has any."""
    if not run.references:
        return []
    names = ", ".join(f"`{name}`" for name in run.references)
    return [
        f"Columns {names} are references, not lanes: other evaluators of the same query on the "
        "baseline's lane (`eager`: the query's eager DataFrame twin; `duckdb`: its SQL twin on "
        "DuckDB; `serde-<format>`: its plan serialized, deserialized and collected), each "
        "compared with the baseline and counted apart from the lanes' cells.",
        "",
    ]


def _matrix(run: Run, budget: int) -> list[str]:
    """The matrix in `budget` bytes: whole if it fits, else its rows with problems, capped."""
    columns = run.columns
    budget -= 300  # the notes saying what was left out

    def row(check: str) -> str:
        cells = " | ".join(_matrix_cell(run.matrix[check, col]) for col in columns)
        return f"| {check} | {cells} |"

    head = [
        "## Matrix",
        "",
        *_references(run),
        "| check | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    rows = [row(check) for check in run.checks]
    note = []
    if _size(head + rows) > budget:
        quiet = [c for c in run.checks if all(run.matrix[c, col].quiet for col in columns)]
        rows = [row(c) for c in run.checks if c not in set(quiet)]
        note = [f"{len(quiet)} rows where every column agreed or could not run are left out."]
    kept, used = 0, _size(head)
    while kept < len(rows) and used + _size(rows[kept : kept + 1]) <= budget:
        used += _size(rows[kept : kept + 1])
        kept += 1
    if kept < len(rows):
        note.append(f"... and {len(rows) - kept} more rows: see report.html")
    return [*head, *rows[:kept], "", *note, ""]


def _legend(run: Run) -> list[str]:
    shown = {cell.status for cell in run.matrix.values()} | {f.outcome for f in run.findings}
    rows = [
        f"| {s.value} | {s.meaning} | {'yes' if isinstance(s, Outcome) and s.is_failure else 'no'} |"
        for s in SEVERITY
        if s.value in shown and s != Outcome.NATIVE
    ]
    if Outcome.NATIVE.value in shown:  # the matrix shows every kind of agreement as `ok`
        rows.insert(
            0, "| ok | every check agreed (pass, consistent-error, elided-error, native) | no |"
        )
    return ["| outcome | meaning | fails the run |", "|---|---|---|", *rows, ""]


def _size(lines: list[str]) -> int:
    return sum(len(line.encode()) + 1 for line in lines)


def render_markdown(run: Run) -> str:
    """The report: summary line, new findings, known findings, registry alerts, then the matrix."""
    results = run.results
    failing = sum(f.cells for f in run.findings)
    known = sum(f.cells for f in run.known_findings)
    lines = [
        f"# {run.title}",
        "",
        f"{len(results.get('records', []))} checked cells; {failing} failing ({known} known issues) "
        f"in {len(run.new_findings)} new and {len(run.known_findings)} known findings. "
        f"Hypothesis profile `{results.get('hypothesis_profile')}`; "
        f"{len(results.get('variants', []))} optimizer variants; "
        "baseline: in-memory, all passes on.",
        "",
    ]
    if not run.findings:
        lines += ["No discrepancy: every checked cell agreed with its baseline or contract.", ""]
    lines += _new_findings(run) + _known_findings(run) + _registry(run) + _fallbacks(run)
    tail = [
        "| lane | availability |",
        "|---|---|",
        *(f"| {lane} | {_cell_text(str(why))} |" for lane, why in results.get("lanes", {}).items()),
        "",
        *_legend(run),
    ]
    lines += _matrix(run, _BUDGET - _size(lines) - _size(tail)) + tail
    return "\n".join(lines) + "\n"
