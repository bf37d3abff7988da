"""Which upgrade changes are intended: matched against a reviewable table of documented changes.

`reports/upgrade/changes.toml` holds one `[[change]]` row per documented behaviour change, each
citing the upgrade guide or changelog it comes from. A change is `intended` when a row matches it,
else `unexpected`. A row matches a change when all of its conditions hold:

- `since`: the release that made the change lies in the upgrade (after the old release, at or
  before the new one);
- `kinds`: the kind of change (`reports.upgrade.diff.KINDS`);
- `checks` (default every check), `lanes` (default every lane): names or shell-style patterns;
- `query`, `old`, `new` (optional): regular expressions searched in the case's query source and in
  each side's one-line description (an error's class and message, a schema, an outcome).

Known issues count as documented too: a known issue that went away is intended where the registry
says its entry does not apply to the new release, and one that appeared where it applies only there
(the registry entry, with its link, is then the rule).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from reports.upgrade.diff import KINDS, Change, Diff

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TABLE = Path(__file__).with_name("changes.toml")
_REQUIRED = ("id", "since", "kinds", "reason", "url")
_OPTIONAL = ("checks", "lanes", "query", "old", "new")
_FIELDS = _REQUIRED + _OPTIONAL


class TableError(ValueError):
    """A malformed row of the change table (one line naming the row and the valid choices)."""


def release(version: str) -> tuple[int, ...]:
    """`2.0.0` (or `2.0.0rc2`) as a comparable tuple of its numbers."""
    parts = []
    for part in version.split("."):
        digits = re.match(r"\d+", part)
        if digits is None:
            break
        parts.append(int(digits.group()))
    return tuple(parts)


@dataclass(frozen=True)
class Row:
    """One documented behaviour change."""

    id: str
    since: str
    kinds: tuple[str, ...]
    reason: str
    url: str
    checks: tuple[str, ...] = ("*",)
    lanes: tuple[str, ...] = ("*",)
    query: re.Pattern[str] | None = None
    old: re.Pattern[str] | None = None
    new: re.Pattern[str] | None = None

    def matches(self, change: Change, query: str, old_version: str, new_version: str) -> bool:
        return (
            release(old_version) < release(self.since) <= release(new_version)
            and change.kind in self.kinds
            and any(fnmatchcase(change.check, p) for p in self.checks)
            and any(fnmatchcase(change.lane, p) for p in self.lanes)
            and (self.query is None or self.query.search(query) is not None)
            and (self.old is None or self.old.search(change.old) is not None)
            and (self.new is None or self.new.search(change.new) is not None)
        )

    def describe(self) -> dict[str, str]:
        return {"id": self.id, "since": self.since, "reason": self.reason, "url": self.url}


def _strings(entry: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry[key]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise TableError(f"{where}: '{key}' must be a non-empty list of strings")
    return tuple(value)


def _pattern(entry: Mapping[str, Any], key: str, where: str) -> re.Pattern[str] | None:
    if key not in entry:
        return None
    try:
        return re.compile(entry[key])
    except (re.error, TypeError) as exc:
        raise TableError(f"{where}: bad '{key}' pattern: {exc}") from None


def parse_table(data: Mapping[str, Any]) -> list[Row]:
    """The table's rows, validated: unknown fields and kinds are rejected with the valid choices."""
    rows = []
    for number, entry in enumerate(data.get("change", []), 1):
        where = f"change #{number} ({entry.get('id', 'no id')})"
        if extra := sorted(set(entry) - set(_FIELDS)):
            raise TableError(
                f"{where}: unknown field {extra[0]!r}; valid fields: {', '.join(_FIELDS)}"
            )
        if missing := [k for k in _REQUIRED if k not in entry]:
            raise TableError(f"{where}: '{missing[0]}' is required")
        for key in ("id", "since", "reason", "url"):
            if not isinstance(entry[key], str) or not entry[key]:
                raise TableError(f"{where}: '{key}' must be a non-empty string")
        if not release(entry["since"]):
            raise TableError(f"{where}: 'since' must be a release such as 2.0.0")
        kinds = _strings(entry, "kinds", where)
        if bad := [k for k in kinds if k not in KINDS]:
            raise TableError(f"{where}: unknown kind {bad[0]!r}; valid kinds: {', '.join(KINDS)}")
        rows.append(
            Row(
                id=entry["id"],
                since=entry["since"],
                kinds=kinds,
                reason=entry["reason"],
                url=entry["url"],
                checks=_strings(entry, "checks", where) if "checks" in entry else ("*",),
                lanes=_strings(entry, "lanes", where) if "lanes" in entry else ("*",),
                query=_pattern(entry, "query", where),
                old=_pattern(entry, "old", where),
                new=_pattern(entry, "new", where),
            )
        )
    ids = [row.id for row in rows]
    if len(ids) != len(set(ids)):
        raise TableError(f"change ids must be unique: {sorted(ids)}")
    return rows


def load_table(path: Path = TABLE) -> list[Row]:
    try:
        with path.open("rb") as f:
            return parse_table(tomllib.load(f))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TableError(f"cannot read the change table {path}: {exc}") from None


def _registry_rule(change: Change, diff: Diff) -> dict[str, str] | None:
    """The known-issue entry that documents a known issue appearing or going away, if any."""
    if change.kind not in ("known-issue-gone", "known-issue-appeared"):
        return None
    gone = change.kind == "known-issue-gone"
    issue = (change.old_record if gone else change.new_record).get("known_issue")
    other = diff.new_results if gone else diff.old_results
    entry = next((e for e in other.get("known_issues", []) if e.get("id") == issue), None)
    if issue is None or entry is None or entry.get("applicable"):
        return None
    version = diff.new_version if gone else diff.old_version
    return {
        "id": f"known-issue:{issue}",
        "since": diff.new_version,
        "reason": f"the known-issue registry ({entry.get('polars', '')}) does not cover "
        f"Polars {version}: {entry.get('reason', '')}",
        "url": entry.get("link") or "known_issues/registry.toml",
    }


def classify(diff: Diff, rows: Sequence[Row]) -> None:
    """Mark each change `intended` (with the rule) or `unexpected`, in place."""
    for change in diff.changes:
        query = diff.case(change.case).get("query", "")
        row = next(
            (r for r in rows if r.matches(change, query, diff.old_version, diff.new_version)), None
        )
        rule = row.describe() if row else _registry_rule(change, diff)
        change.classification = "intended" if rule else "unexpected"
        change.rule = rule


def ordered(changes: Iterable[Change]) -> list[Change]:
    """Unexpected changes first; then by kind, check, lane and case."""
    kinds = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(
        changes,
        key=lambda c: (c.classification != "unexpected", kinds[c.kind], c.check, c.lane, c.case),
    )
