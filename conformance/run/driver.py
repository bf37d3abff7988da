"""The one Hypothesis driver, for catalog operations, generated pipelines and properties alike.

Each example draws a subject (a query, or a property's input) and evaluates it on one lane into
cells. A failing cell the known-issue registry does not explain gets a fingerprint (lane, outcome,
the shape of its detail, whether the engine or only some optimizer variants differ): each
fingerprint raises its own exception class, so Hypothesis keeps exploring after a first failure and
shrinks every distinct failure on its own (`report_multiple_bugs`). Each is recorded once, with its
newest (after shrinking, minimal) example, its culprit passes and its query's code. A fingerprint
that only ever appeared beside another one is recorded with the example it was seen in.

Hypothesis keeps exploring after a first failure only about as long again as it took to find it,
so a pass that found new fingerprints is followed by another (up to `MAX_PASSES`) in which those
are no longer raised: each pass explores past what the earlier ones shrank. Timeouts and crashes
are recorded as they happen and never shrunk: each replay would cost a full time limit or a
process. Every test item has its own example-database key (its node id), so a saved
failure replays first on the item that found it, and on no other.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import hypothesis.strategies as st
import polars as pl
from hypothesis import given

from conformance.engines.lanes import Lane
from conformance.engines.passes import BASELINE, Variant
from conformance.judge.compare import Rules
from conformance.judge.harness import (
    Cell,
    Query,
    check,
    find_culprit,
    lane_variants,
    probe_plans,
    run_baseline,
)
from conformance.judge.known_issues import KnownIssue, match
from conformance.judge.reference import NO_TWINS, Twins
from conformance.run import watch
from conformance.run.recording import pending_record, write_cells
from reports.fingerprint import signature
from reports.outcomes import Outcome
from reports.records import RecordWriter

if sys.version_info < (3, 11):  # pragma: no cover
    from exceptiongroup import BaseExceptionGroup  # Hypothesis' own dependency there

# Recorded once and not shrunk: each replay would cost a full time limit or a process restart, and
# the recorded input already reproduces them.
NOT_SHRUNK = frozenset({Outcome.TIMEOUT, Outcome.CRASH})
# After this many timeouts or crashes an item stops drawing: the lane is stuck, not exploring.
MAX_UNSHRUNK = 2
# Hypothesis explores only about as long again after its first failure; a pass that found new
# fingerprints is followed by another that looks past them, up to this many passes.
MAX_PASSES = 3


@dataclass(frozen=True)
class Subject:
    """What one example checks: the query, how results compare, and how records name it."""

    name: str  # the record's operation: a catalog name, a property, or `pipeline`
    query: Query | None  # None for a property, which runs queries of its own
    rules: Rules
    source: Callable[[], str]  # the query as code, for records and reproducers
    twins: Twins = NO_TWINS  # the query's eager and SQL twins, run on the baseline's lane


class Settings(Protocol):
    """What the run's selection gives a check."""

    variants: list[Variant]
    timeout_s: float
    known_issues: list[KnownIssue]


Frames = tuple[pl.DataFrame, ...]


class Check(Protocol):
    """How one kind of check draws an example and turns it into cells on a lane."""

    def draw(self, data: st.DataObject) -> tuple[Subject, Frames]: ...

    def evaluate(
        self,
        subject: Subject,
        frames: Frames,
        data: st.DataObject,
        lane: Lane,
        settings: Settings,
    ) -> list[Cell]: ...


class Discrepancy(AssertionError):
    """A failure no known issue explains; one subclass per fingerprint (see `discrepancy_type`)."""

    fingerprint = ""


class Retire(BaseException):
    """This process left a query running on an abandoned thread: it must be replaced.

    A BaseException, so Hypothesis neither shrinks it nor counts it as a failure of the example.
    """


_TYPES: dict[str, type[Discrepancy]] = {}


def discrepancy_type(fingerprint: str) -> type[Discrepancy]:
    """The exception class of one fingerprint: Hypothesis tells failures apart by class."""
    if fingerprint not in _TYPES:
        digest = hashlib.sha1(fingerprint.encode()).hexdigest()[:10]
        _TYPES[fingerprint] = type(
            f"Discrepancy_{digest}", (Discrepancy,), {"fingerprint": fingerprint}
        )
    return _TYPES[fingerprint]


def fingerprints(cells: Sequence[Cell]) -> dict[str, list[Cell]]:
    """Failing cells grouped by what they show: lane, outcome and detail shape, per engine level.

    Where the lane fails with every pass on, the engine itself differs and the variants that also
    fail are that same finding; otherwise the set of failing variants is part of the finding.
    """
    engine = any(c.variant == BASELINE.name for c in cells)
    groups: dict[str, list[Cell]] = {}
    by_signature: dict[str, list[Cell]] = {}
    for cell in cells:
        by_signature.setdefault(signature(cell.outcome.value, cell.detail), []).append(cell)
    for sig, group in sorted(by_signature.items()):
        scope = "engine" if engine else ",".join(sorted(c.variant for c in group))
        groups[f"{group[0].lane} | {scope} | {sig}"] = group
    return groups


@dataclass
class _Found:
    subject: Subject
    frames: Frames
    cells: list[Cell]
    known: dict[str, str]
    message: str = ""


def drive(
    check_kind: Check,
    lane: Lane,
    settings: Settings,
    writer: RecordWriter,
    nodeid: str,
    reproduce_command: str,
) -> None:
    """Check drawn examples on `lane`; raise (for pytest) listing every distinct failure.

    Raises `Retire` (after recording everything) when a query was abandoned on a thread.
    """
    raised: dict[str, _Found] = {}  # fingerprint -> newest example raised with it
    seen_beside: dict[str, _Found] = {}  # fingerprint -> first example, never raised itself
    unshrunk: dict[str, str] = {}  # timeouts and crashes: fingerprint -> message
    shrunk: set[str] = set()  # fingerprints an earlier pass shrank: later passes look past them

    def run(data: st.DataObject) -> None:
        if len(unshrunk) >= MAX_UNSHRUNK:
            return
        watch.step("drawing an example", settings.timeout_s)
        subject, frames = check_kind.draw(data)
        watch.pending(
            pending_record(subject.name, lane.name, frames, subject.source, reproduce_command)
        )
        cells = check_kind.evaluate(subject, frames, data, lane, settings)
        watch.pending(None)
        known = _known(settings.known_issues, subject.name, lane.name, cells)
        failing = [c for c in cells if c.outcome.is_failure and c.variant not in known]
        groups = fingerprints(failing)
        slow = {fp for fp, group in groups.items() if any(c.outcome in NOT_SHRUNK for c in group)}
        rest = [fp for fp in groups if fp not in slow and fp not in shrunk]
        if not rest and shrunk.isdisjoint(groups):  # recorded now: nothing to shrink
            write_cells(writer, subject.name, cells, frames, reproduce_command, known=known)
        for fp in slow:
            unshrunk.setdefault(fp, _render(subject, groups[fp]))
        if watch.tainted():
            raise Retire
        if not rest:
            return
        primary = rest[0]
        for fp in rest[1:]:
            found = _Found(subject, frames, cells, known, _render(subject, groups[fp]))
            seen_beside.setdefault(fp, found)
        message = _render(subject, groups[primary])
        raised[primary] = _Found(subject, frames, cells, known, message)
        raise discrepancy_type(primary)(message)

    retire = False
    try:
        for number in range(MAX_PASSES):
            # Each item (and each pass) its own database key: the inner function is the same for
            # every item, and a later pass would take its predecessor's failures for fixed ones.
            key = nodeid if number == 0 else f"{nodeid} pass {number + 1}"
            run._hypothesis_internal_add_digest = key.encode()  # type: ignore[attr-defined]
            before = set(raised)
            try:
                given(data=st.data())(run)()
            except BaseException as exc:
                if isinstance(exc, Retire) or not _only_discrepancies(exc):
                    raise
            if set(raised) == before:
                break
            shrunk.update(raised)
    except Retire:
        retire = True
    finally:
        for found in [*raised.values(), *(f for fp, f in seen_beside.items() if fp not in raised)]:
            write_cells(
                writer,
                found.subject.name,
                found.cells,
                found.frames,
                reproduce_command,
                found.subject.source(),
                _culprits(found, lane, settings),
                found.known,
                found.subject.rules if found.subject.query is not None else None,
            )
    messages = [f.message for f in raised.values()]
    messages += [f.message for fp, f in seen_beside.items() if fp not in raised]
    messages += list(unshrunk.values())
    summary = (
        f"{len(messages)} distinct failure(s) on {lane.name}:\n\n" + "\n\n".join(messages)
        if messages
        else ""
    )
    if retire:
        raise Retire(summary)
    if messages:
        raise AssertionError(summary)


def _only_discrepancies(exc: BaseException) -> bool:
    """Whether Hypothesis ended on our findings only (one, or a group of several)."""
    if isinstance(exc, BaseExceptionGroup):
        return all(_only_discrepancies(e) for e in exc.exceptions)
    return isinstance(exc, Discrepancy)


def _known(
    issues: Sequence[KnownIssue], name: str, lane: str, cells: Sequence[Cell]
) -> dict[str, str]:
    return {
        c.variant: issue
        for c in cells
        if c.outcome.is_failure
        and (issue := match(issues, name, lane, c.variant, c.outcome.value, c.detail))
    }


def _render(subject: Subject, cells: Sequence[Cell]) -> str:
    parts = [f"{subject.name} on {cells[0].lane}: {len(cells)} discrepant cell(s)"]
    parts.append(subject.source())
    for cell in cells:
        parts.append(
            f"\n[{cell.outcome.value}] lane={cell.lane} variant={cell.variant}\n{cell.detail}"
        )
    return "\n".join(parts)


def _culprits(found: _Found, lane: Lane, settings: Settings) -> dict[str, tuple[str, ...] | None]:
    """Name the pass(es) behind each failing optimizer variant of a differential example."""
    subject, cells, frames = found.subject, found.cells, found.frames
    if subject.query is None or any(
        c.variant == BASELINE.name and c.outcome.is_failure for c in cells
    ):
        return {}  # a property, or the engine differs even with every pass on: no pass to blame
    variants = {v.name: v for v in settings.variants}
    failing = [c for c in cells if c.outcome.is_failure and c.variant in variants]
    if not failing:
        return {}
    baseline = run_baseline(subject.query, frames, settings.timeout_s)
    return {
        cell.variant: find_culprit(
            subject.query,
            frames,
            subject.rules,
            lane,
            variants[cell.variant],
            baseline,
            settings.timeout_s,
        )
        for cell in failing
    }


@dataclass(frozen=True)
class Differential:
    """A query checked on every variant of a lane against the in-memory all-on baseline."""

    draw_subject: Callable[[st.DataObject], tuple[Subject, Frames]]

    def draw(self, data: st.DataObject) -> tuple[Subject, Frames]:
        return self.draw_subject(data)

    def evaluate(
        self,
        subject: Subject,
        frames: Frames,
        data: st.DataObject,
        lane: Lane,
        settings: Settings,
    ) -> list[Cell]:
        assert subject.query is not None
        variants = lane_variants(lane, settings.variants)
        plans = probe_plans(subject.query, frames, lane, variants, settings.timeout_s)
        if lane.unavailable_reason() is not None:  # no engine here: its plans can still be read
            return plans
        baseline = run_baseline(subject.query, frames, settings.timeout_s)
        return (
            check(
                subject.query,
                frames,
                subject.rules,
                lane,
                variants,
                settings.timeout_s,
                baseline,
                subject.twins,
            )
            + plans
        )
