"""The check x lane matrix shared by every rendered report (terminal, Markdown, HTML)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reports.outcomes import AGREEING, Outcome, State, severity


@dataclass
class MatrixCell:
    """Everything known about one check on one lane."""

    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    problems: list[dict[str, Any]] = field(default_factory=list)  # records of non-agreeing cells
    skipped: str | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def worst(self) -> str:
        if self.skipped is not None:
            return State.UNAVAILABLE.value
        if not self.counts:
            return State.NOT_RUN.value
        return min(self.counts, key=severity)

    @property
    def tally(self) -> str:
        """`N` checks when all agreed, else `m/N`: how many had the worst outcome."""
        if self.status == Outcome.NATIVE:
            return str(self.total)
        return f"{self.counts[self.worst]}/{self.total}"

    @property
    def status(self) -> str:
        """`native` when every check agreed with the baseline, else the worst outcome."""
        return Outcome.NATIVE.value if self.worst in AGREEING else self.worst

    @property
    def quiet(self) -> bool:
        """Nothing to look at: every check agreed, or nothing could or did run."""
        return self.status in (Outcome.NATIVE, State.UNAVAILABLE, State.NOT_RUN)


def build_matrix(
    records: Iterable[Mapping[str, Any]],
    checks: Sequence[str],
    lanes: Sequence[str],
    skipped: Mapping[tuple[str, str], str],
) -> dict[tuple[str, str], MatrixCell]:
    matrix = {
        (check, lane): MatrixCell(skipped=skipped.get((check, lane)))
        for check in checks
        for lane in lanes
    }
    for record in records:
        cell = matrix.get((record["operation"], record["lane"]))
        if cell is None:
            continue
        outcome = State.KNOWN.value if record.get("known_issue") else record["outcome"]
        cell.counts[outcome] += 1
        if outcome not in AGREEING:
            cell.problems.append(dict(record))
    return matrix
