"""The check x column matrix shared by every rendered report (terminal, Markdown, HTML).

A column is a lane, or a reference: the baseline's lane also runs other evaluators of the same
query (its eager twin, DuckDB, the plan's serialization round trips), each recorded as a variant of
that lane. Each such variant is a column of its own, after the lanes, so that its outcomes (DuckDB's
`unsupported` where SQL cannot say the query, say) are counted apart from the lane's own cells.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reports.outcomes import AGREEING, Outcome, State, severity

# The variants that are references (`conformance.judge.harness.EAGER` and `DUCKDB`,
# `conformance.judge.serde.variant(format)`); reports import nothing from `conformance`.
REFERENCE_VARIANTS = ("eager", "duckdb")
REFERENCE_PREFIXES = ("serde-",)


def is_reference(variant: str) -> bool:
    return variant in REFERENCE_VARIANTS or variant.startswith(REFERENCE_PREFIXES)


def column_of(record: Mapping[str, Any]) -> str:
    """The matrix column a record counts in: its reference variant, else its lane."""
    variant = record.get("variant", "")
    return variant if is_reference(variant) else record["lane"]


def reference_columns(records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The reference columns present in `records`, in a fixed order, each with the lane it ran on."""
    found: dict[str, str] = {}
    for record in records:
        if is_reference(variant := record.get("variant", "")):
            found.setdefault(variant, record["lane"])
    order = {name: i for i, name in enumerate(REFERENCE_VARIANTS)}
    return dict(sorted(found.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


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
    columns: Sequence[str],
    skipped: Mapping[tuple[str, str], str],
) -> dict[tuple[str, str], MatrixCell]:
    """(check, column) -> its cell; `skipped` holds (check, column) pairs, a reference column's
    under its lane's name (a check its lane cannot run has no reference there either)."""
    matrix = {
        (check, column): MatrixCell(skipped=skipped.get((check, column)))
        for check in checks
        for column in columns
    }
    for record in records:
        cell = matrix.get((record["operation"], column_of(record)))
        if cell is None:
            continue
        outcome = State.KNOWN.value if record.get("known_issue") else record["outcome"]
        cell.counts[outcome] += 1
        if outcome not in AGREEING:
            cell.problems.append(dict(record))
    return matrix
