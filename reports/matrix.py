"""The operation x lane matrix shared by every rendered report (terminal, Markdown, HTML)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Worst first: a cell is shown by its worst outcome.
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
    "native",
    "pass",
)
AGREEING = frozenset({"pass", "consistent-error", "native"})


@dataclass
class MatrixCell:
    """Everything known about one operation on one lane."""

    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    problems: list[dict[str, Any]] = field(default_factory=list)  # records of non-agreeing cells
    skipped: str | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def worst(self) -> str:
        if self.skipped is not None:
            return "unavailable"
        if not self.counts:
            return "not-run"
        return min(self.counts, key=lambda o: SEVERITY.index(o) if o in SEVERITY else -1)

    @property
    def tally(self) -> str:
        """`N` checks when all agreed, else `m/N`: how many had the worst outcome."""
        if self.status == "native":
            return str(self.total)
        return f"{self.counts[self.worst]}/{self.total}"

    @property
    def status(self) -> str:
        """`native` when every check agreed with the baseline, else the worst outcome."""
        return "native" if self.worst in AGREEING else self.worst


def build_matrix(
    records: Iterable[Mapping[str, Any]],
    operations: Sequence[str],
    lanes: Sequence[str],
    skipped: Mapping[tuple[str, str], str],
) -> dict[tuple[str, str], MatrixCell]:
    matrix = {
        (op, lane): MatrixCell(skipped=skipped.get((op, lane)))
        for op in operations
        for lane in lanes
    }
    for record in records:
        cell = matrix.get((record["operation"], record["lane"]))
        if cell is None:
            continue
        outcome = "known" if record.get("known_issue") else record["outcome"]
        cell.counts[outcome] += 1
        if outcome not in AGREEING:
            cell.problems.append(dict(record))
    return matrix
