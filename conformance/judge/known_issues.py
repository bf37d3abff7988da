"""The known-issue registry: declared discrepancies, matched against cells, checked for fixes.

The registry is one declarative file, `known_issues/registry.toml`. A failing cell that matches an
entry (operation, lane, variant, Polars version range, outcome, detail) is recorded with the
entry's id and does not fail the run. Each entry names a standalone reproducer; when it stops
failing on a Polars the entry covers, the suite says so loudly, so a fix upstream is noticed and
the entry retired.

Entries are scoped to the symptom they were seen with, so that a new bug on the same operation is
not silently taken for a known one. Loading the registry enforces:

- `detail`, a regular expression searched in the cell's detail, on every entry; it must not match
  an empty detail (that would explain every failure).
- `operations` names checks (or patterns) of the catalog, the properties and `pipeline`, or a
  user's own queries (`--queries`): `user.<function>` or a pattern such as `user.*`, whose
  functions only a run given their module knows.
- `lanes` names the lanes the bug was seen on (names or patterns such as `sink_*`), less any in
  `lanes_except` (the "every lane except" form: `lanes = ["*"]`, `lanes_except = ["in-memory"]`).
  Lanes that cover every lane need `baseline_wrong = true` (the in-memory all-on baseline is the
  wrong side) and only the outcomes such a baseline gives every cell: `panic` (the baseline
  panicked) and `untruthful-sorted-flag` (the baseline's own result carries the lie). A baseline
  that merely returns a wrong frame or raises agrees with the in-memory lane's other variants.
- `variants` patterns that cover every variant need `engine_bug = true`: the bug is in the engine
  itself, not in an optimizer pass, as its reproducer shows by failing with every pass on.
- `first_seen` (optional) is the oldest release the entry's reproducer fails on, as `nox -s bisect`
  found it; the reports show it.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from conformance.engines.lanes import lane_names
from conformance.engines.passes import all_variants
from conformance.errors import ConformanceUsageError, unknown_choice
from conformance.run.selection import check_names
from conformance.version import POLARS_VERSION_STRING
from reports.outcomes import Outcome

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

REGISTRY = Path(__file__).resolve().parents[2] / "known_issues" / "registry.toml"
# A user's query is the check `user.<function>` (conformance/run/user_queries.py, which cannot be
# imported here: it needs the driver, which needs this module); its functions are known only to a
# run given their module, so an entry may name any such function, or a pattern of them.
USER_CHECK_PREFIX = "user."
_USER_CHECK = re.compile(re.escape(USER_CHECK_PREFIX) + r"[A-Za-z_*?\[][\w*?\[\]!]*")
_REQUIRED = ("id", "operations", "lanes", "variants", "polars", "outcomes", "detail", "reason")
_OPTIONAL = (
    "lanes_except",
    "baseline_wrong",
    "engine_bug",
    "link",
    "reproducer",
    "first_seen",
    "query",
)
_FIELDS = set(_REQUIRED + _OPTIONAL)
# What a wrong in-memory all-on baseline makes of every lane's cell, the in-memory lane's included.
# A wrong baseline fails the in-memory lane's own cells only where the cell is judged without it:
# its panic, its abort (the checking process dies running the baseline, whatever lane its item
# checks), its hang, its lying sorted flag, its result against its own plan (schema-mismatch).
BASELINE_WIDE_OUTCOMES = (
    Outcome.PANIC.value,
    Outcome.CRASH.value,
    Outcome.TIMEOUT.value,
    Outcome.UNTRUTHFUL_FLAG.value,
    Outcome.SCHEMA_MISMATCH.value,
)


@functools.cache
def _contains(polars: SpecifierSet, version: str) -> bool:
    """Whether `version` is in the range (parsing the version on every call is slow)."""
    return polars.contains(version, prereleases=True)


@dataclass(frozen=True)
class KnownIssue:
    """One registry entry; every field is public so run reports can show it."""

    id: str
    operations: tuple[str, ...]  # names or patterns
    lanes: tuple[str, ...]  # lane names or patterns such as "*" or "sink_*"
    variants: tuple[str, ...]  # variant names or patterns such as "*" or "-*pushdown"
    polars: SpecifierSet
    outcomes: tuple[str, ...]
    reason: str
    link: str
    reproducer: Path | None
    detail: re.Pattern[str]  # searched in the cell's detail, and in the reproducer's output
    lanes_except: tuple[str, ...] = ()  # lane names or patterns taken out of `lanes`
    baseline_wrong: bool = False  # the in-memory all-on baseline is the wrong side
    engine_bug: bool = False  # in the engine, not an optimizer pass: fails with every pass on
    # the oldest release its reproducer fails on, as `nox -s bisect` found it (README, "Bisection")
    first_seen: str | None = None
    # searched in the failing query's code: for a check whose queries vary (`query`, `pipeline`,
    # user queries), the construct the bug needs, so a generic message (an unwrap panic) is
    # explained only where that construct is
    query: re.Pattern[str] | None = None

    def applies_to_installed_polars(self) -> bool:
        return _contains(self.polars, POLARS_VERSION_STRING)

    def on_lane(self, lane: str) -> bool:
        return any(fnmatchcase(lane, p) for p in self.lanes) and not any(
            fnmatchcase(lane, p) for p in self.lanes_except
        )

    def matches(
        self,
        operation: str,
        lane: str,
        variant: str,
        outcome: str,
        detail: str = "",
        source: str = "",
    ) -> bool:
        # cheapest first: every failing cell of every example is matched against every entry
        return (
            outcome in self.outcomes
            and self.applies_to_installed_polars()
            and any(fnmatchcase(operation, pattern) for pattern in self.operations)
            and self.on_lane(lane)
            and any(fnmatchcase(variant, pattern) for pattern in self.variants)
            and self.detail.search(detail) is not None
            and (self.query is None or self.query.search(source) is not None)
        )

    def describe(self) -> dict[str, str]:
        """The fields a run report shows, as text (`first_seen` only where it is known)."""
        fields = {
            "id": self.id,
            "reason": self.reason,
            "reproducer": str(self.reproducer or ""),
            "polars": str(self.polars),
            "link": self.link,
        }
        if self.first_seen:
            fields["first_seen"] = self.first_seen
        return fields


def _strings(
    entry: Mapping[str, Any],
    key: str,
    valid: Sequence[str] | None,
    where: str,
    patterns: bool = False,
    required: bool = True,
) -> tuple[str, ...]:
    """A non-empty list of names from `valid` (or, with `patterns`, patterns matching one)."""
    if not required and key not in entry:
        return ()
    value = entry.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConformanceUsageError(f"{where}: '{key}' must be a non-empty list of strings")
    if valid is not None:
        for item in value:
            if not any(fnmatchcase(name, item) if patterns else name == item for name in valid):
                raise unknown_choice(f"{key.split('_')[0][:-1]} in {where}", item, valid)
    return tuple(value)


def _operations(entry: Mapping[str, Any], where: str) -> tuple[str, ...]:
    """The checks (names or patterns) an entry covers: known ones, or a user's `user.<function>`."""
    operations = _strings(entry, "operations", None, where)
    names = check_names()
    for item in operations:
        if not _USER_CHECK.fullmatch(item) and not any(fnmatchcase(n, item) for n in names):
            raise unknown_choice(
                f"operation in {where}", item, [*names, f"{USER_CHECK_PREFIX}<function>"]
            )
    return operations


def _flag(entry: Mapping[str, Any], key: str, where: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise ConformanceUsageError(f"{where}: '{key}' must be true or false")
    return value


def _first_seen(entry: Mapping[str, Any], where: str) -> str | None:
    """The release a bisection found the bug first in: a release number, if given."""
    if "first_seen" not in entry:
        return None
    value = entry["first_seen"]
    try:
        Version(value)
    except (InvalidVersion, TypeError):
        raise ConformanceUsageError(
            f"{where}: 'first_seen' must be a Polars release such as \"1.25.2\", not {value!r}"
        ) from None
    return value


def _detail(entry: Mapping[str, Any], where: str) -> re.Pattern[str]:
    """The required symptom pattern; one that matches an empty detail would explain anything."""
    if not isinstance(entry.get("detail"), str) or not entry["detail"]:
        raise ConformanceUsageError(
            f"{where}: 'detail' must be a regular expression of this bug's symptom, so that "
            "other failures of the same operations are not taken for it"
        )
    try:
        detail = re.compile(entry["detail"])
    except re.error as exc:
        raise ConformanceUsageError(f"{where}: bad 'detail' pattern: {exc}") from exc
    if detail.search("") is not None:
        raise ConformanceUsageError(
            f"{where}: 'detail' {entry['detail']!r} matches an empty detail, so it explains "
            "every failure; name the symptom"
        )
    return detail


def _query(entry: Mapping[str, Any], where: str) -> re.Pattern[str] | None:
    """The optional pattern of the construct a generated query needs to show the bug."""
    if "query" not in entry:
        return None
    if not isinstance(entry["query"], str) or not entry["query"]:
        raise ConformanceUsageError(f"{where}: 'query' must be a regular expression")
    try:
        pattern = re.compile(entry["query"])
    except re.error as exc:
        raise ConformanceUsageError(f"{where}: bad 'query' pattern: {exc}") from exc
    if pattern.search("") is not None:
        raise ConformanceUsageError(
            f"{where}: 'query' {entry['query']!r} matches any code; name the construct"
        )
    return pattern


def _check_scope(issue: KnownIssue, where: str) -> None:
    """Every lane needs a baseline that fails every cell; every variant needs an engine bug."""
    lanes = [name for name in lane_names() if issue.on_lane(name)]
    if not lanes:
        raise ConformanceUsageError(f"{where}: 'lanes_except' leaves no lane of 'lanes'")
    if len(lanes) == len(lane_names()):
        if not issue.baseline_wrong:
            raise ConformanceUsageError(
                f"{where}: 'lanes' covers every lane; name the lanes it was seen on, use "
                "'lanes_except', or set 'baseline_wrong = true' if the in-memory baseline is wrong"
            )
        if extra := sorted(set(issue.outcomes) - set(BASELINE_WIDE_OUTCOMES)):
            raise ConformanceUsageError(
                f"{where}: outcome {extra[0]!r} does not fail the in-memory lane's cells; a wrong "
                f"baseline fails every lane only with outcomes {', '.join(BASELINE_WIDE_OUTCOMES)}"
                ' (else use lanes_except = ["in-memory"])'
            )
    names = [v.name for v in all_variants()]
    every = all(any(fnmatchcase(n, p) for p in issue.variants) for n in names)
    if every and not issue.engine_bug:
        raise ConformanceUsageError(
            f"{where}: 'variants' covers every variant; name the variants it was seen on, or set "
            "'engine_bug = true' if the engine itself is wrong with every pass on"
        )


def parse_registry(data: Mapping[str, Any], base: Path) -> list[KnownIssue]:
    """Validate the registry's entries; unknown names are rejected with the valid choices."""
    issues: list[KnownIssue] = []
    for index, entry in enumerate(data.get("issue", [])):
        where = f"known issue #{index + 1} ({entry.get('id', 'no id')})"
        if extra := set(entry) - _FIELDS:
            raise unknown_choice(f"field in {where}", sorted(extra)[0], sorted(_FIELDS))
        if missing := [key for key in _REQUIRED if key not in entry and key != "detail"]:
            raise ConformanceUsageError(f"{where}: '{missing[0]}' is required")
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
        issue = KnownIssue(
            id=entry["id"],
            operations=_operations(entry, where),
            lanes=_strings(entry, "lanes", lane_names(), where, patterns=True),
            variants=_strings(entry, "variants", None, where),
            polars=polars,
            outcomes=_strings(entry, "outcomes", [o.value for o in Outcome], where),
            reason=entry["reason"],
            link=entry.get("link", ""),
            reproducer=reproducer,
            detail=_detail(entry, where),
            query=_query(entry, where),
            lanes_except=_strings(
                entry, "lanes_except", lane_names(), where, patterns=True, required=False
            ),
            baseline_wrong=_flag(entry, "baseline_wrong", where),
            engine_bug=_flag(entry, "engine_bug", where),
            first_seen=_first_seen(entry, where),
        )
        _check_scope(issue, where)
        issues.append(issue)
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
    source: str = "",
) -> str | None:
    """The id of the first known issue that explains this failing cell (of the query whose code
    is `source`), if any."""
    return next(
        (i.id for i in issues if i.matches(operation, lane, variant, outcome, detail, source)),
        None,
    )


def stale_entries(issues: Iterable[KnownIssue], matched_ids: Collection[str]) -> list[KnownIssue]:
    """Entries for the installed Polars that explained no cell of a run: candidates to narrow."""
    return [i for i in issues if i.applies_to_installed_polars() and i.id not in matched_ids]
