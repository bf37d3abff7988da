"""Distinct findings: failing cells grouped by the shape of their failure, largest group first.

Hundreds of failing cells usually share a handful of causes; a report that leads with each cause
once (where it shows up, how often, one small reproducer) is read, where a matrix of hundreds of
red cells is not. Cells explained by the same known issue form their own group, after the new ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reports.fingerprint import signature
from reports.outcomes import is_failure
from reports.records import input_size


@dataclass(frozen=True)
class Finding:
    """Failing records with one signature (and one known issue, or none)."""

    signature: str
    outcome: str
    known_issue: str | None
    records: tuple[Mapping[str, Any], ...]
    example: Mapping[str, Any]  # the smallest input, preferring one a reproducer was written for
    reproducer: Path | None

    @property
    def cells(self) -> int:
        return len(self.records)

    @property
    def operations(self) -> list[str]:
        """The checks it spans, most affected first."""
        return _by_count(r["operation"] for r in self.records)

    @property
    def lanes(self) -> list[str]:
        return _by_count(r["lane"] for r in self.records)

    @property
    def variants(self) -> list[str]:
        return _by_count(r["variant"] for r in self.records)

    @property
    def verdicts(self) -> list[str]:
        """Which side the references found wrong (`Record.verdict`), most frequent first, each
        with its count: `baseline wrong x3`; empty where no record was judged."""
        labels = Counter(v.split(":")[0] for r in self.records if (v := r.get("verdict")))
        return [f"{v} x{n}" for v, n in sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))]


def _by_count(values: Iterable[str]) -> list[str]:
    return [v for v, _ in sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))]


def group_findings(
    records: Iterable[Mapping[str, Any]],
    reproducer_for: Callable[[Mapping[str, Any]], Path | None],
) -> list[Finding]:
    """The failing records grouped by (signature, known issue): new findings first, each part
    largest first; `reproducer_for` names the reproducer that shows a record's failure, if any."""
    groups: dict[tuple[str, str | None], list[Mapping[str, Any]]] = {}
    for record in records:
        if is_failure(record["outcome"]):
            key = (
                signature(record["outcome"], record.get("detail", "")),
                record.get("known_issue"),
            )
            groups.setdefault(key, []).append(record)
    findings = []
    for (sig, known), members in groups.items():
        example = min(members, key=lambda r: (reproducer_for(r) is None, input_size(r)))
        findings.append(
            Finding(
                signature=sig,
                outcome=members[0]["outcome"],
                known_issue=known,
                records=tuple(members),
                example=example,
                reproducer=reproducer_for(example),
            )
        )
    return sorted(findings, key=lambda f: (f.known_issue is not None, -f.cells, f.signature))
