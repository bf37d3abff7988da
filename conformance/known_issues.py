"""The known-issue registry: declared discrepancies, matched against cells, checked for fixes.

The registry is one declarative file, `known_issues/registry.toml`. A failing cell that matches an
entry (operation, lane, variant, Polars version range, outcome) is recorded with the entry's id and
does not fail the run. Each entry names a standalone reproducer; when it stops failing on a Polars
the entry covers, the suite says so loudly, so a fix upstream is noticed and the entry retired.

An entry for a check that runs many different queries under one name (`pipeline`), or whose
operations are a pattern (`*`, for a bug any query can meet), also gives a `detail` pattern, so it
explains only the cells whose detail shows its bug, not every other discrepancy of those checks
(required for operation patterns). Lanes may be patterns too (`sink_*`).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from conformance.errors import ConformanceUsageError, unknown_choice
from conformance.lanes import lane_names
from conformance.outcomes import Outcome
from conformance.selection import check_names
from conformance.version import POLARS_VERSION_STRING

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REGISTRY = Path(__file__).resolve().parent.parent / "known_issues" / "registry.toml"
_FIELDS = {
    "id",
    "operations",
    "lanes",
    "variants",
    "polars",
    "outcomes",
    "reason",
    "link",
    "reproducer",
    "detail",
}


@dataclass(frozen=True)
class KnownIssue:
    id: str
    operations: tuple[str, ...]  # names or patterns; "*" wants a `detail` to stay narrow
    lanes: tuple[str, ...]  # lane names or patterns such as "*" or "sink_*"
    variants: tuple[str, ...]  # variant names or patterns such as "*" or "-*pushdown"
    polars: SpecifierSet
    outcomes: tuple[str, ...]
    reason: str
    link: str
    reproducer: Path | None
    detail: re.Pattern[str] | None = None  # searched in the cell's detail

    def applies_to_installed_polars(self) -> bool:
        return self.polars.contains(POLARS_VERSION_STRING, prereleases=True)

    def matches(
        self, operation: str, lane: str, variant: str, outcome: str, detail: str = ""
    ) -> bool:
        return (
            self.applies_to_installed_polars()
            and any(fnmatchcase(operation, pattern) for pattern in self.operations)
            and any(fnmatchcase(lane, pattern) for pattern in self.lanes)
            and outcome in self.outcomes
            and any(fnmatchcase(variant, pattern) for pattern in self.variants)
            and (self.detail is None or self.detail.search(detail) is not None)
        )


def _strings(
    entry: Mapping[str, Any],
    key: str,
    valid: Sequence[str] | None,
    where: str,
    patterns: bool = False,
) -> tuple[str, ...]:
    """A non-empty list of names from `valid` (or, with `patterns`, patterns matching one)."""
    value = entry.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConformanceUsageError(f"{where}: '{key}' must be a non-empty list of strings")
    if valid is not None:
        for item in value:
            if not any(fnmatchcase(name, item) if patterns else name == item for name in valid):
                raise unknown_choice(f"{key[:-1]} in {where}", item, valid)
    return tuple(value)


def parse_registry(data: Mapping[str, Any], base: Path) -> list[KnownIssue]:
    """Validate the registry's entries; unknown names are rejected with the valid choices."""
    issues: list[KnownIssue] = []
    for index, entry in enumerate(data.get("issue", [])):
        where = f"known issue #{index + 1} ({entry.get('id', 'no id')})"
        if extra := set(entry) - _FIELDS:
            raise unknown_choice(f"field in {where}", sorted(extra)[0], sorted(_FIELDS))
        for key in ("id", "polars", "reason"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise ConformanceUsageError(f"{where}: '{key}' must be a non-empty string")
        try:
            polars = SpecifierSet(entry["polars"])
        except InvalidSpecifier as exc:
            raise ConformanceUsageError(
                f"{where}: bad Polars version range {entry['polars']!r}"
            ) from exc
        reproducer = base / entry["reproducer"] if entry.get("reproducer") else None
        if reproducer is not None and not reproducer.is_file():
            raise ConformanceUsageError(f"{where}: reproducer {reproducer} does not exist")
        try:
            detail = re.compile(entry["detail"]) if "detail" in entry else None
        except (re.error, TypeError) as exc:
            raise ConformanceUsageError(f"{where}: bad 'detail' pattern: {exc}") from exc
        operations = _strings(entry, "operations", check_names(), where, patterns=True)
        if detail is None and any(set(op) & set("*?[") for op in operations):
            raise ConformanceUsageError(
                f"{where}: an operation pattern needs a 'detail' pattern, or it explains every "
                "failure of the operations it matches"
            )
        issues.append(
            KnownIssue(
                id=entry["id"],
                operations=operations,
                lanes=_strings(entry, "lanes", lane_names(), where, patterns=True),
                variants=_strings(entry, "variants", None, where),
                polars=polars,
                outcomes=_strings(entry, "outcomes", [o.value for o in Outcome], where),
                reason=entry["reason"],
                link=entry.get("link", ""),
                reproducer=reproducer,
                detail=detail,
            )
        )
    ids = [i.id for i in issues]
    if len(ids) != len(set(ids)):
        raise ConformanceUsageError(f"known issue ids must be unique: {sorted(ids)}")
    return issues


def load_registry(path: Path | None = None) -> list[KnownIssue]:
    """The registry in use: `$POLARS_CONFORMANCE_KNOWN_ISSUES` if set, else the shipped one."""
    path = path or Path(os.environ.get("POLARS_CONFORMANCE_KNOWN_ISSUES", REGISTRY))
    if not path.is_file():
        raise ConformanceUsageError(f"known-issue registry {path} does not exist")
    with path.open("rb") as f:
        return parse_registry(tomllib.load(f), path.parent)


def match(
    issues: Iterable[KnownIssue],
    operation: str,
    lane: str,
    variant: str,
    outcome: str,
    detail: str = "",
) -> str | None:
    """The id of the first known issue that explains this failing cell, if any."""
    return next(
        (i.id for i in issues if i.matches(operation, lane, variant, outcome, detail)), None
    )
