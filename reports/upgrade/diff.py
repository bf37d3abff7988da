"""The upgrade diff: the same saved cases on two releases, compared cell by cell.

Both results come from `python -m conformance.run.upgrade replay` of one cases file, so a cell
(case, lane, variant) means the same query on the same input on both. Per cell it reports:

- answer changes (`value`, `schema`, `result-error`, `error`): what the cell returned or raised;
- discrepancy changes against each release's own in-memory baseline (`new-discrepancy`,
  `fixed-discrepancy`, `discrepancy-changed`) and known issues that appeared or went away
  (`known-issue-appeared`, `known-issue-gone`);
- plan-probe changes (`fallback-new`, `fallback-gone`, `fallback-reason`): native on one release,
  falling back on the other, with the reasons;
- `support`: a lane that could not take the query on one release and can on the other;
- `timing`: per case and engine lane, the all-on run time, repeated on both releases alternately in
  one session (so load changes fall on both alike); a change is reported where the ratio of the
  medians passes a threshold and the repeats' ranges do not overlap.

Lanes, variants and checks that only one release has are listed as not comparable.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reports.fingerprint import signature
from reports.outcomes import is_failure
from reports.upgrade.answer import change_kind, describe

ANSWER_KINDS = ("value", "schema", "result-error", "error")
DISCREPANCY_KINDS = (
    "new-discrepancy",
    "fixed-discrepancy",
    "discrepancy-changed",
    "known-issue-appeared",
    "known-issue-gone",
)
FALLBACK_KINDS = ("fallback-new", "fallback-gone", "fallback-reason")
KINDS = (*ANSWER_KINDS, *DISCREPANCY_KINDS, *FALLBACK_KINDS, "support", "timing")
TIMING_RATIO = 1.5
TIMING_FLOOR_S = 0.0005


class NotComparable(ValueError):
    """The two results files cannot be compared (one line saying why)."""


@dataclass
class Change:
    """One change of one case on one lane; `variants` lists every variant that shows it alike."""

    kind: str
    case: str
    check: str
    lane: str
    variants: list[str]
    old: str  # the old release's side, one line
    new: str
    old_record: Mapping[str, Any] = field(repr=False)
    new_record: Mapping[str, Any] = field(repr=False)
    ratio: float | None = None  # timing: new over old, calibrated
    classification: str = "unexpected"
    rule: Mapping[str, str] | None = None  # the table row (or registry entry) that explains it
    reproducer: str | None = None  # file name, relative to the report's directory

    @property
    def group(self) -> tuple[str, str, str, str, str]:
        """Changes of one kind, check and lane that look alike on each side: an answer by its kind
        (a frame, or the error class and masked message), a timing by its direction, anything
        else by its masked description."""
        if self.kind == "timing":
            direction = "slower" if (self.ratio or 1.0) > 1 else "faster"
            return (self.kind, self.check, self.lane, "", direction)
        if self.kind in ANSWER_KINDS:
            old, new = _answer_shape(self.old_record), _answer_shape(self.new_record)
        else:
            old, new = _shape(self.old), _shape(self.new)
        return (self.kind, self.check, self.lane, old, new)


def _shape(text: str) -> str:
    return signature("", text).lstrip(": ")


def _answer_shape(record: Mapping[str, Any]) -> str:
    answer = (record.get("reproduce") or {}).get("answer") or {}
    if answer.get("kind") == "error":
        return _shape(f"{answer['error']}: {answer.get('message', '')}")
    return str(answer.get("kind"))


@dataclass
class Diff:
    """Everything the upgrade reports show."""

    old_version: str
    new_version: str
    cases: int
    compared_cells: int
    changes: list[Change]
    not_comparable: list[dict[str, str]]
    old_results: Mapping[str, Any] = field(repr=False)
    new_results: Mapping[str, Any] = field(repr=False)

    def case(self, case_id: str) -> Mapping[str, Any]:
        return self.old_results["upgrade"]["cases"][case_id]


Key = tuple[str, str, str, bool]  # case, lane, variant, plan probe


def _index(records: Iterable[Mapping[str, Any]]) -> dict[Key, Mapping[str, Any]]:
    """Records by cell; where a replaying process died, its record replaces the cell's."""
    index: dict[Key, Mapping[str, Any]] = {}
    for record in records:
        reproduce = record.get("reproduce") or {}
        if "case" not in reproduce:
            continue
        key = (reproduce["case"], record["lane"], record["variant"], bool(reproduce.get("probe")))
        index[key] = record
    return index


def _upgrade(results: Mapping[str, Any], which: str) -> Mapping[str, Any]:
    if "upgrade" not in results:
        raise NotComparable(
            f"the {which} results are not an upgrade replay (no 'upgrade' section): write them "
            "with `python -m conformance.run.upgrade replay` or `nox -s upgrade`"
        )
    return results["upgrade"]


def _not_comparable(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, str]]:
    """Lanes, variants and checks only one release could run, each with its reason."""
    out: list[dict[str, str]] = []
    v_old, v_new = old["polars_version"], new["polars_version"]
    for lane in dict.fromkeys([*old.get("lanes", {}), *new.get("lanes", {})]):
        a, b = old.get("lanes", {}).get(lane), new.get("lanes", {}).get(lane)
        if a == b == "available":
            continue
        for version, state in ((v_old, a), (v_new, b)):
            if state != "available":
                out.append(
                    {"what": "lane", "name": lane, "release": version, "reason": state or "not run"}
                )
    variants_old, variants_new = set(old.get("variants", [])), set(new.get("variants", []))
    for variant in sorted(variants_old ^ variants_new):
        missing = v_new if variant in variants_old else v_old
        out.append(
            {
                "what": "variant",
                "name": variant,
                "release": missing,
                "reason": f"Polars {missing} has no such optimizer pass",
            }
        )
    for version, results in ((v_old, old), (v_new, new)):
        for name in results["upgrade"].get("variants_absent", []):
            out.append(
                {
                    "what": "variant",
                    "name": name,
                    "release": version,
                    "reason": f"asked for, but Polars {version} has no such pass",
                }
            )
        for check, lane, reason in results.get("skipped", []):
            out.append(
                {
                    "what": "check",
                    "name": f"{check} on {lane}",
                    "release": version,
                    "reason": reason,
                }
            )
        for check, reason in results["upgrade"].get("excluded", []):
            if version == v_old:
                out.append({"what": "check", "name": check, "release": "both", "reason": reason})
    return out


def _answer(record: Mapping[str, Any]) -> Mapping[str, Any] | None:
    return (record.get("reproduce") or {}).get("answer")


def _side(record: Mapping[str, Any]) -> str:
    """A cell's judgement in one line: outcome, known issue, detail's shape."""
    text = record["outcome"]
    if record.get("known_issue"):
        text += f" (known issue {record['known_issue']})"
    if is_failure(record["outcome"]):
        text += f": {signature(record['outcome'], record.get('detail', '')).split(': ', 1)[-1]}"
    return text


def _discrepancy(old: Mapping[str, Any], new: Mapping[str, Any]) -> str | None:
    """How the cell's judgement against its own release's baseline changed, if it did."""
    old_fail, new_fail = is_failure(old["outcome"]), is_failure(new["outcome"])
    old_known, new_known = old.get("known_issue"), new.get("known_issue")
    if not old_fail and not new_fail:
        unsupported = {old["outcome"], new["outcome"]} & {"unsupported", "not-serializable"}
        return "support" if unsupported and old["outcome"] != new["outcome"] else None
    if old_fail and not new_fail:
        return "known-issue-gone" if old_known else "fixed-discrepancy"
    if new_fail and not old_fail:
        return "known-issue-appeared" if new_known else "new-discrepancy"
    if old_known != new_known:
        return "known-issue-appeared" if new_known and not old_known else "known-issue-gone"
    if old_known:
        return None
    same = signature(old["outcome"], old.get("detail", "")) == signature(
        new["outcome"], new.get("detail", "")
    )
    return None if same else "discrepancy-changed"


# Polars names the temporary columns of a plan `_POLARS_TMP_<n>` (2.x: also `_POLARS_TMP_PHYS_<n>`),
# numbered anew for every plan: in a fallback reason they are not a difference
_TEMPORARY = re.compile(r"_POLARS_TMP(?:_[A-Z]+)*_\d+")


def reason_text(record: Mapping[str, Any]) -> str:
    """A fallback reason with Polars' numbered temporary columns masked."""
    return _TEMPORARY.sub("<temporary>", record.get("detail", ""))


def _fallback(old: Mapping[str, Any], new: Mapping[str, Any]) -> str | None:
    if old["outcome"] == new["outcome"]:
        if old["outcome"] == "fallback" and reason_text(old) != reason_text(new):
            return "fallback-reason"
        return None
    if new["outcome"] == "fallback":
        return "fallback-new"
    if old["outcome"] == "fallback":
        return "fallback-gone"
    return "support" if "unsupported" in (old["outcome"], new["outcome"]) else None


def _probe_side(record: Mapping[str, Any]) -> str:
    if record["outcome"] == "fallback":
        return f"fallback: {reason_text(record)}"
    return record["outcome"] + (f": {record['detail']}" if record.get("detail") else "")


def _cell_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], key: Key
) -> list[tuple[str, str, str]]:
    """(kind, old side, new side) for every way one cell changed."""
    if key[3]:
        kind = _fallback(old, new)
        return [(kind, _probe_side(old), _probe_side(new))] if kind else []
    found = []
    a, b = _answer(old), _answer(new)
    if a is not None and b is not None and (kind := change_kind(dict(a), dict(b))):
        found.append((kind, describe(dict(a)), describe(dict(b))))
    if kind := _discrepancy(old, new):
        found.append((kind, _side(old), _side(new)))
    return found


def _repeats(record: Mapping[str, Any]) -> list[float] | None:
    timing = (record.get("reproduce") or {}).get("timing")
    return timing["repeats"] if timing and timing.get("repeats") else None


def timing_change(
    old: Mapping[str, Any], new: Mapping[str, Any], ratio: float, floor_s: float
) -> float | None:
    """The new/old ratio of the median run times where it is beyond noise, else None.

    Only times measured in one session (`conformance.run.upgrade time`, both releases interleaved)
    are compared. Beyond noise: the ratio passes `ratio` (or 1/`ratio`), the repeats' ranges do not
    overlap, and one of the medians takes at least `floor_s` (below, per-query overhead rules).
    """
    a, b = _repeats(old), _repeats(new)
    sessions = {(r["reproduce"].get("timing") or {}).get("session") for r in (old, new)}
    if a is None or b is None or len(sessions) != 1:
        return None
    if max(statistics.median(a), statistics.median(b)) < floor_s:
        return None
    change = statistics.median(b) / statistics.median(a)
    if change >= ratio and min(b) > max(a):
        return change
    if change <= 1 / ratio and max(b) < min(a):
        return change
    return None


def _timing_text(record: Mapping[str, Any]) -> str:
    repeats = record["reproduce"]["timing"]["repeats"]
    return f"median {statistics.median(repeats) * 1000:.2f} ms over {len(repeats)} runs"


def compare(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    ratio: float = TIMING_RATIO,
    floor_s: float = TIMING_FLOOR_S,
) -> Diff:
    """Every change between two replays of the same cases (see the module docstring)."""
    old_up, new_up = _upgrade(old, "old"), _upgrade(new, "new")
    if old_up["cases"] != new_up["cases"]:
        raise NotComparable(
            "the two results replay different cases: replay one cases file on both releases"
        )
    formats = old_up.get("answer_format", 1), new_up.get("answer_format", 1)
    if formats[0] != formats[1]:
        raise NotComparable(
            f"the two results record answers in different formats ({formats[0]} and "
            f"{formats[1]}): replay both releases with one checkout"
        )
    lanes = {
        lane
        for lane, state in old.get("lanes", {}).items()
        if state == "available" and new.get("lanes", {}).get(lane) == "available"
    }
    probes = {
        lane
        for lane, p in old.get("plan_probes", {}).items()
        if p.get("status") == "available"
        and new.get("plan_probes", {}).get(lane, {}).get("status") == "available"
    }
    variants = set(old.get("variants", [])) & set(new.get("variants", []))
    old_index, new_index = _index(old.get("records", [])), _index(new.get("records", []))
    merged: dict[tuple[str, str, str, str, str], Change] = {}
    compared = 0
    for key, before in old_index.items():
        case, lane, variant, probe = key
        after = new_index.get(key)
        if after is None or variant not in variants or lane not in (probes if probe else lanes):
            continue
        compared += 1
        for kind, was, now in _cell_changes(before, after, key):
            slot = (kind, case, lane, was, now)
            if slot in merged:
                merged[slot].variants.append(variant)
            else:
                merged[slot] = Change(
                    kind, case, before["operation"], lane, [variant], was, now, before, after
                )
        if not probe and (change := timing_change(before, after, ratio, floor_s)) is not None:
            merged[("timing", case, lane, "", "")] = Change(
                "timing",
                case,
                before["operation"],
                lane,
                [variant],
                _timing_text(before),
                _timing_text(after),
                before,
                after,
                ratio=round(change, 3),
            )
    return Diff(
        old_version=old["polars_version"],
        new_version=new["polars_version"],
        cases=len(old_up["cases"]),
        compared_cells=compared,
        changes=list(merged.values()),
        not_comparable=_not_comparable(old, new),
        old_results=old,
        new_results=new,
    )
