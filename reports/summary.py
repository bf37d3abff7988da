"""The operation x lane summary printed at the end of a run."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from reports.matrix import MatrixCell, build_matrix


def _cell_text(cell: MatrixCell) -> str:
    if cell.skipped is not None:
        return "skipped"
    if not cell.counts:
        return "-"
    if cell.status == "native":
        return f"ok {cell.tally}"
    return f"{cell.worst.upper()} {cell.tally}"


def render_summary(
    records: Iterable[dict[str, Any]],
    operations: Sequence[str],
    lanes: Sequence[str],
    skipped: Mapping[tuple[str, str], str],
) -> str:
    """A fixed-width table: one row per operation, one column per lane.

    Cells read `ok N` (N checked cells, all passing or agreeing on an error), `MISMATCH m/N` (the worst
    outcome and its count), `skipped` (lane or operation unavailable: reasons listed below the table),
    or `-` (not run).
    """
    matrix = build_matrix(records, operations, lanes, skipped)
    rows = [["operation", *lanes]]
    rows.extend([op, *(_cell_text(matrix[op, lane]) for lane in lanes)] for op in operations)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    reasons = sorted(set(skipped.values()))
    if reasons:
        lines.append("")
        lines.extend(f"skipped: {reason}" for reason in reasons)
    return "\n".join(lines)
