"""The summary printed at the end of a run: the largest findings first, then the check x lane
matrix (with a column per reference: `reports.matrix`)."""

from __future__ import annotations

from collections import Counter

from reports.analysis import Run
from reports.matrix import MatrixCell
from reports.outcomes import Outcome

TOP_FINDINGS = 10
_FULL_MATRIX_ROWS = 50  # beyond this, only rows with something to look at are printed


def _cell_text(cell: MatrixCell) -> str:
    if cell.skipped is not None:
        return "skipped"
    if not cell.counts:
        return "-"
    if cell.status == Outcome.NATIVE:
        return f"ok {cell.tally}"
    return f"{cell.worst.upper()} {cell.tally}"


def _findings(run: Run) -> list[str]:
    new, known = run.new_findings, run.known_findings
    alerts = [f"known issue {entry['id']}: {why}" for entry, why in run.registry_alerts()]
    if not run.findings:
        return [*alerts, ""] if alerts else []
    lines = [
        f"{len(new)} new findings ({sum(f.cells for f in new)} cells), "
        f"{len(known)} known ({sum(f.cells for f in known)} cells):"
    ]
    for i, finding in enumerate(new[:TOP_FINDINGS], 1):
        ops, lanes = finding.operations, finding.lanes
        lines.append(
            f"{i:>3}. {finding.signature}\n"
            f"     {finding.cells} cells; {len(ops)} checks ({', '.join(ops[:5])}"
            f"{', ...' if len(ops) > 5 else ''}); lanes {', '.join(lanes)}"
        )
        if finding.reproducer is not None:
            lines.append(f"     python {finding.reproducer}")
        elif command := finding.example.get("reproduce", {}).get("pytest"):
            lines.append(f"     {command}")
    if len(new) > TOP_FINDINGS:
        lines.append(f"  ... and {len(new) - TOP_FINDINGS} more new findings: see report.md")
    if known:  # one entry may explain several fingerprints: counted once, by entry
        cells = Counter[str]()
        for finding in known:
            cells[finding.known_issue or ""] += finding.cells
        lines.append("known: " + ", ".join(f"{k} ({n})" for k, n in cells.most_common()))
    return [*lines, *alerts, ""]


def _matrix(run: Run) -> list[str]:
    """Lanes, then the references the run has (eager, DuckDB, serialization round trips)."""
    checks, columns = run.checks, run.columns
    left_out = 0
    if len(checks) > _FULL_MATRIX_ROWS:
        checks = [c for c in run.checks if not all(run.matrix[c, col].quiet for col in columns)]
        left_out = len(run.checks) - len(checks)
    rows = [["check", *columns]]
    rows.extend([c, *(_cell_text(run.matrix[c, col]) for col in columns)] for c in checks)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if left_out:
        lines.append(f"({left_out} checks where every lane agreed or could not run left out)")
    return lines


def render_summary(run: Run) -> str:
    """Findings (the largest `TOP_FINDINGS` with their reproducers), then a fixed-width matrix.

    Matrix cells read `ok N` (N checked cells, all passing or agreeing on an error), `MISMATCH m/N`
    (the worst outcome and its count), `skipped` (lane or check unavailable: reasons listed below
    the table), or `-` (not run). Reproducer paths are those `write_reports(run)`
    writes.
    """
    lines = _findings(run) + _matrix(run)
    reasons = sorted({reason for _, _, reason in run.results.get("skipped", [])})
    if reasons:
        lines.append("")
        lines.extend(f"skipped: {reason}" for reason in reasons)
    return "\n".join(lines)
