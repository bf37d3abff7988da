"""The operation x lane summary printed at the end of a run."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# Worst first: a cell shows its worst outcome and how many cells had it.
SEVERITY = (
    "crash",
    "panic",
    "timeout",
    "mismatch",
    "error-divergence",
    "known",
    "fallback",
    "unsupported",
    "consistent-error",
    "pass",
)


def _cell_text(counts: Mapping[str, int]) -> str:
    total = sum(counts.values())
    worst = min(counts, key=lambda o: SEVERITY.index(o) if o in SEVERITY else -1)
    if worst in ("pass", "consistent-error"):
        return f"ok {total}"
    return f"{worst.upper()} {counts[worst]}/{total}"


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
    grid: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for record in records:
        outcome = "known" if record.get("known_issue") else record["outcome"]
        grid[record["operation"], record["lane"]][outcome] += 1
    rows = [["operation", *lanes]]
    for op in operations:
        row = [op]
        for lane in lanes:
            if (op, lane) in grid:
                row.append(_cell_text(grid[op, lane]))
            elif (op, lane) in skipped:
                row.append("skipped")
            else:
                row.append("-")
        rows.append(row)
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
