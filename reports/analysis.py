"""Everything the reports show, derived once from the content of `results.json`.

Reports are a pure function of that content (plus the directory they are written to), so they can
be rendered again, or elsewhere, with `python -m reports results/results.json`.

Top-level fields read: `polars_version`, `hypothesis_profile`, `variants`, `plan_probes`,
`checks` (the matrix rows), `lanes` (name -> "available" or the reason it is not),
`skipped` ([check, lane, reason] triples), `known_issues` (the registry's status for this run),
`records`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from reports.findings import Finding, group_findings
from reports.matrix import MatrixCell, build_matrix, reference_columns
from reports.reproducer import Reproducer, ReproKey, plan_reproducers, reproducer_for

REPRODUCERS_DIRNAME = "reproducers"


@dataclass(frozen=True)
class Run:
    """One run's results, with the matrix, findings and reproducer files derived from them."""

    results: Mapping[str, Any]
    out_dir: Path
    checks: list[str]
    lanes: list[str]
    references: list[str]  # reference columns present in the run (`reports.matrix`), after lanes
    matrix: dict[tuple[str, str], MatrixCell]  # (check, column): columns are lanes and references
    findings: list[Finding]
    reproducers: dict[ReproKey, Reproducer]

    @property
    def columns(self) -> list[str]:
        """The matrix columns: every lane, then the references the run has."""
        return self.lanes + self.references

    @property
    def title(self) -> str:
        return f"Polars {self.results.get('polars_version', '?')} conformance"

    @property
    def new_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.known_issue is None]

    @property
    def known_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.known_issue is not None]

    def reproducer(self, record: Mapping[str, Any]) -> Path | None:
        return reproducer_for(record, self.reproducers)

    def registry_alerts(self) -> list[tuple[Mapping[str, Any], str]]:
        """Known-issue entries that need attention, each with why: stale, fixed, or broken."""
        alerts = []
        for entry in self.results.get("known_issues", []):
            status = entry.get("reproducer_status")
            if status == "fixed":
                alerts.append((entry, "fixed: its reproducer no longer fails"))
            elif status == "broken":
                alerts.append((entry, "broken: its reproducer cannot run"))
            if entry.get("applicable") and not entry.get("matched"):
                alerts.append((entry, "stale: applies to this Polars but matched no cell"))
        return alerts


def analyse(results: Mapping[str, Any], out_dir: Path) -> Run:
    """The matrix, the findings and the reproducer plan of `results`, for reports in `out_dir`."""
    records = results.get("records", [])
    checks = list(results.get("checks") or dict.fromkeys(r["operation"] for r in records))
    lanes = list(results.get("lanes") or dict.fromkeys(r["lane"] for r in records))
    skipped = {(check, lane): reason for check, lane, reason in results.get("skipped", [])}
    references = reference_columns(records)
    for check in checks:  # a reference runs on its lane: where that is skipped, so is it
        for column, lane in references.items():
            if (reason := skipped.get((check, lane))) is not None:
                skipped[check, column] = reason
    reproducers = plan_reproducers(records, out_dir / REPRODUCERS_DIRNAME)
    return Run(
        results=results,
        out_dir=out_dir,
        checks=checks,
        lanes=lanes,
        references=list(references),
        matrix=build_matrix(records, checks, lanes + list(references), skipped),
        findings=group_findings(records, partial(reproducer_for, plan=reproducers)),
        reproducers=reproducers,
    )
