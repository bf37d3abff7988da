"""The one Hypothesis driver, for catalog operations, generated pipelines and properties alike.

Each example draws a subject (a query, or a property's input) once and evaluates it on every lane
of its test item into cells: a differential check runs the baseline once per input and every lane
and variant against it (`harness.check_lanes`). A failing cell the known-issue registry does not
explain gets a fingerprint (lane, outcome, the shape of its detail, whether the engine or only
some optimizer variants differ). The fingerprints of one symptom on several lanes are shrunk
together: each symptom (the fingerprint less its lane) raises its own exception class, so
Hypothesis keeps exploring after a first failure and shrinks every distinct symptom on its own
(`report_multiple_bugs`). Each fingerprint is recorded once, with its newest (after shrinking,
minimal) example, its culprit passes and its query's code. A fingerprint that only ever appeared
beside another one is recorded with the example it was seen in.

A run is sized by time (`conformance.run.budget`): an item draws rounds of Hypothesis examples
(the profile's `round_examples` each) while its `ItemClock` allows; after the example in which it
runs out, Hypothesis draws no other and shrinks what the round found. A round also stops drawing
at its first failure: Hypothesis shrinks it at once, each example then running only the lanes and
variants its symptoms were seen on, and the next round (while the clock allows; without a clock,
up to `MAX_PASSES` rounds) explores in full again, no longer raising what earlier rounds shrank. Timeouts and crashes are recorded as they happen and
never shrunk: each replay would cost a full time limit or a process. Every test item has its own
example-database key (its node id, and after a round that found something `<node id> pass <n>`),
so a saved failure replays first on the item that found it, and on no other.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import math
import sys
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from types import CodeType
from typing import Protocol

import hypothesis.strategies as st
import polars as pl
from hypothesis import Phase, given
from hypothesis import core as hypothesis_core
from hypothesis import settings as hypothesis_settings
from hypothesis.internal.conjecture import engine as hypothesis_engine
from hypothesis.reporting import current_reporter, with_reporter

from conformance.engines.execute import past_stop, stop_at
from conformance.engines.lanes import Lane
from conformance.engines.passes import BASELINE, Variant
from conformance.judge.compare import Rules
from conformance.judge.harness import (
    Cell,
    Query,
    check_lanes,
    find_culprit,
    plan_shape,
    run_baseline,
)
from conformance.judge.known_issues import KnownIssue, match
from conformance.judge.reference import NO_TWINS, Twins
from conformance.run import watch
from conformance.run.budget import MIN_CELL_S, Coverage, ItemClock
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
# Without a clock (a corpus replay, the framework's tests) a round that found new symptoms is
# followed by another that looks past them, up to this many rounds.
MAX_PASSES = 3
# Hypothesis' own limit on a round's shrinking (five minutes), restored after every round
HYPOTHESIS_SHRINK_S = hypothesis_engine.MAX_SHRINKING_SECONDS


@dataclass(frozen=True)
class Subject:
    """What one example checks: the query, how results compare, and how records name it."""

    name: str  # the record's operation: a catalog name, a property, or `pipeline`
    query: Query | None  # None for a property, which runs queries of its own
    rules: Rules
    source: Callable[[], str]  # the query as code, for records and reproducers
    twins: Twins = NO_TWINS  # the query's eager and SQL twins, run on the baseline's lane

    @property
    def script_rules(self) -> Rules | None:
        """The rules a failing cell's differential reproducer compares with; None for a property,
        whose cells carry scripts of their own."""
        return self.rules if self.query is not None else None


class Settings(Protocol):
    """What the run's selection gives a check."""

    variants: list[Variant]
    timeout_s: float
    known_issues: list[KnownIssue]


Frames = tuple[pl.DataFrame, ...]


class Check(Protocol):
    """How one kind of check draws an example and turns it into cells on a lane.

    A check may also define `evaluate_lanes(subject, frames, data, lanes, settings, focus)`, which
    evaluates one example on several lanes at once (sharing what the lanes have in common, such
    as the baseline or a property's draws; with `focus`, only its lanes and variants, and no lane
    after `past_stop()`); otherwise `evaluate` runs once per lane.
    """

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
    """A failure no known issue explains; one subclass per symptom (see `discrepancy_type`)."""

    fingerprint = ""


class Retire(BaseException):
    """This process left a query running on an abandoned thread: it must be replaced.

    A BaseException, so Hypothesis neither shrinks it nor counts it as a failure of the example.
    """


_TYPES: dict[str, type[Discrepancy]] = {}


def discrepancy_type(symptom: str) -> type[Discrepancy]:
    """The exception class of one symptom: Hypothesis tells failures apart by class."""
    if symptom not in _TYPES:
        digest = hashlib.sha1(symptom.encode()).hexdigest()[:10]
        _TYPES[symptom] = type(f"Discrepancy_{digest}", (Discrepancy,), {"fingerprint": symptom})
    return _TYPES[symptom]


def fingerprints(cells: Sequence[Cell]) -> dict[str, list[Cell]]:
    """Failing cells grouped by what they show: lane, outcome and detail shape, per engine level.

    Where a lane fails with every pass on, the engine itself differs and the variants that also
    fail are that same finding; otherwise the set of failing variants is part of the finding.
    """
    by_lane: dict[str, list[Cell]] = {}
    for cell in cells:
        by_lane.setdefault(cell.lane, []).append(cell)
    groups: dict[str, list[Cell]] = {}
    for lane, lane_cells in sorted(by_lane.items()):
        engine = any(c.variant == BASELINE.name for c in lane_cells)
        by_signature: dict[str, list[Cell]] = {}
        for cell in lane_cells:
            by_signature.setdefault(signature(cell.outcome.value, cell.detail), []).append(cell)
        for sig, group in sorted(by_signature.items()):
            scope = "engine" if engine else ",".join(sorted(c.variant for c in group))
            groups[f"{lane} | {scope} | {sig}"] = group
    return groups


def symptom(fingerprint: str) -> str:
    """A fingerprint less its lane: one bug seen on several lanes is shrunk once."""
    return fingerprint.split(" | ", 1)[1]


@dataclass
class _Found:
    subject: Subject
    frames: Frames
    cells: list[Cell]
    known: dict[tuple[str, str], str]
    message: str = ""


@dataclass
class _Round:
    """One Hypothesis round of an item: its settings, and what it has seen.

    A round is stopped by lowering its own settings' `max_examples` to nought (`stop`): Hypothesis
    reads it after every example, so it draws no other example, and shrinks what the round found
    (an exception would end the round without shrinking, and Hypothesis would save the example it
    interrupted as a failure). A round stops at its first failure, or when its item's time is up.
    """

    settings: hypothesis_settings = field(default_factory=hypothesis_settings)
    examples: int = 0  # the profile's round size
    calls: int = 0
    out_of_time: bool = False  # the item's clock (or a stuck lane) stopped it: no other round
    # after the first failure the round only shrinks: an example runs only the cells the raised
    # symptoms were seen in (lane -> variants), with every such lane's all-on variant, which
    # tells an engine failure from an optimizer one; the next round explores in full again
    focus: dict[str, set[str]] = field(default_factory=dict)

    def start(self, replay: bool = True) -> None:
        profile = hypothesis_settings.default
        # no explain phase: the records and messages say what failed; it would only rerun it
        phases = [
            p for p in profile.phases if p is not Phase.explain and (replay or p is not Phase.reuse)
        ]
        self.settings = hypothesis_settings(profile, phases=phases)
        self.examples = self.settings.max_examples
        self.calls, self.out_of_time, self.focus = 0, False, {}

    def stop(self, out_of_time: bool) -> None:
        self.settings._max_examples = 0  # read by Hypothesis' engine after each example
        self.out_of_time = self.out_of_time or out_of_time


@dataclass
class _Novelty:
    """What an item has already seen, to tell a new plan shape or failure from old ones."""

    shapes: set[str] = field(default_factory=set)
    failures: set[str] = field(default_factory=set)

    def observe(self, shape: str | None, failing: Sequence[str]) -> bool:
        new_shape = shape is not None and shape not in self.shapes
        new_failure = not self.failures.issuperset(failing)
        if shape is not None:
            self.shapes.add(shape)
        self.failures.update(failing)
        return new_shape or new_failure


def evaluate(
    check_kind: Check,
    subject: Subject,
    frames: Frames,
    data: st.DataObject,
    lanes: Sequence[Lane],
    settings: Settings,
    focus: Mapping[str, Collection[str]] | None = None,
) -> list[Cell]:
    """One example on every lane: at once where the check can share work between lanes.

    With `focus` (lane -> variants), only those lanes, and where the check can, those variants.
    """
    together = getattr(check_kind, "evaluate_lanes", None)
    if together is not None:
        return together(subject, frames, data, lanes, settings, focus)
    return each_lane(
        lanes, focus, lambda lane: check_kind.evaluate(subject, frames, data, lane, settings)
    )


def each_lane(
    lanes: Sequence[Lane],
    focus: Mapping[str, Collection[str]] | None,
    run: Callable[[Lane], list[Cell]],
) -> list[Cell]:
    """`run` on each lane in turn (with `focus`, its lanes only) until the example may start no
    further cell (`past_stop`)."""
    cells: list[Cell] = []
    for lane in lanes:
        if past_stop():
            break
        if focus is None or lane.name in focus:
            watch.lane(lane.name)
            cells += run(lane)
    return cells


@functools.cache
def _source_digest(code: CodeType) -> bytes:
    try:
        return hashlib.sha384(inspect.getsource(code).encode()).digest()
    except OSError:  # no source to read (as Hypothesis does then: the function's name)
        return code.co_name.encode()


def _database_key(function: Callable[..., object], key: str) -> bytes:
    """Where Hypothesis saves `function`'s examples for `key`: its source's digest and the key.

    Hypothesis would tokenize the test function's source on every round of every item to make
    this key (2% of a run's time); the source is hashed once per process instead.
    """
    return hashlib.sha384(_source_digest(function.__code__) + key.encode()).digest()


def drive(
    check_kind: Check,
    lanes: Sequence[Lane],
    settings: Settings,
    writer: RecordWriter,
    nodeid: str,
    reproduce_command: str,
    clock: ItemClock | None = None,
    coverage: Coverage | None = None,
    replay: bool = True,
) -> None:
    """Check drawn examples on `lanes`; raise (for pytest) listing every distinct failure.

    With a `clock`, draws rounds while it allows (`conformance.run.budget`), each stopped after the
    example in which the clock ran out; without one, a round of the profile's examples, and
    another while a round finds new symptoms (up to `MAX_PASSES`).
    `coverage`, where given, counts the examples per lane and the plan shapes seen.
    Raises `Retire` (after recording everything) when a query was abandoned on a thread.
    Without `replay`, the saved examples of the item's database key are not replayed: a process
    continuing an item after its predecessor died or was stuck in one would only meet it again.
    """
    raised: dict[str, _Found] = {}  # fingerprint -> newest example raised with its symptom
    seen_beside: dict[str, _Found] = {}  # fingerprint -> first example, never raised itself
    unshrunk: dict[str, str] = {}  # timeouts, crashes, probe panics: fingerprint -> message
    shrunk: set[str] = set()  # symptoms an earlier round shrank: later rounds look past them
    novelty = _Novelty()
    current = _Round()
    if coverage is not None:
        coverage.given(lane.name for lane in lanes)

    def run(data: st.DataObject) -> None:
        current.calls += 1
        watch.step("drawing an example", settings.timeout_s)
        subject, frames = check_kind.draw(data)
        pending = pending_record(
            subject.name, frames, subject.source, reproduce_command, subject.script_rules
        )
        watch.pending(pending)
        focus = current.focus or None
        # no query waits past the budget's end (but at least MIN_CELL_S); exploring stops
        # starting cells then, or where this example has spent the check's time (an input slow
        # on every lane), shrinking a found failure does not (a replay cut short would not show
        # it again): Hypothesis' shrinking limit bounds that
        until = clock.ends if clock is not None else math.inf
        starts = clock.example_stop() if clock is not None and focus is None else math.inf
        with stop_at(until, MIN_CELL_S, starts):
            cells = evaluate(check_kind, subject, frames, data, lanes, settings, focus)
            cut = past_stop()  # the budget or the check's time ended in it (never while shrinking)
        watch.pending(None)
        known = _known(settings.known_issues, subject, cells)
        failing = [c for c in cells if c.outcome.is_failure and (c.lane, c.variant) not in known]
        groups = fingerprints(failing)
        if clock is not None and focus is None and not cut:
            shape = _shape(subject, frames, settings.timeout_s)
            clock.observe(novelty.observe(shape, list(groups)))
        if coverage is not None:
            coverage.check = subject.name
            if focus is None:
                if cells:  # an example cut at the budget's end before any cell ran covers nothing
                    coverage.add(dict.fromkeys(c.lane for c in cells))
            else:
                coverage.focused += 1
            watch.covered(asdict(coverage))
        slow = {
            fp
            for fp, group in groups.items()
            if any(c.outcome in NOT_SHRUNK or not c.shrinkable for c in group)
        }
        rest = [fp for fp in groups if fp not in slow and symptom(fp) not in shrunk]
        if not rest and shrunk.isdisjoint(map(symptom, groups)):  # recorded now: nothing to shrink
            write_cells(
                writer,
                subject.name,
                cells,
                frames,
                reproduce_command,
                pending["reproduce"]["query"],
                known=known,
                rules=subject.script_rules,
                inputs=pending["reproduce"]["inputs"],
            )
        for fp in slow:
            unshrunk.setdefault(fp, _render(subject, groups[fp]))
        if cut and clock is not None:  # by the run's end, or by this check's time
            clock.stopped = "budget" if time.time() >= clock.ends else "share"
        if len(unshrunk) >= MAX_UNSHRUNK or cut or (clock is not None and not clock.may_draw()):
            current.stop(out_of_time=True)
        if watch.tainted():
            raise Retire
        if not rest:
            return
        primary = symptom(rest[0])
        for fp in rest:
            found = _Found(subject, frames, cells, known, _render(subject, groups[fp]))
            if symptom(fp) == primary:  # shrunk together: recorded with the newest example
                raised[fp] = found
                lane = fp.split(" | ", 1)[0]
                focused = current.focus.setdefault(lane, {BASELINE.name})
                focused.update(c.variant for c in groups[fp])
            else:
                seen_beside.setdefault(fp, found)
        together = [c for fp in rest if symptom(fp) == primary for c in groups[fp]]
        current.stop(out_of_time=False)  # shrink it now; the next round explores past it
        if clock is not None:  # read by Hypothesis as its shrinking starts, after this example
            hypothesis_engine.MAX_SHRINKING_SECONDS = min(
                HYPOTHESIS_SHRINK_S, clock.shrink_limit_s()
            )
        raise discrepancy_type(primary)(_render(subject, together))

    retire = False
    finding_rounds = 0
    try:
        # an item the run's drawing time has passed draws nothing; any other draws one example
        while clock is None or clock.may_draw():
            # Each item its own database key, and a new one after a round that found something:
            # the inner function is the same for every item, and a later round would take its
            # predecessor's failures for fixed ones.
            key = nodeid if finding_rounds == 0 else f"{nodeid} pass {finding_rounds + 1}"
            before = set(raised)
            current.start(replay)
            run._hypothesis_internal_use_settings = current.settings  # type: ignore[attr-defined]
            test = given(data=st.data())(run)
            if hypothesis_core.global_force_seed is None:  # a seeded run saves and replays nothing
                test._hypothesis_internal_database_key = _database_key(run, key)  # type: ignore[attr-defined]
            try:
                with _shrink_deadline(clock is not None):
                    test()
            except BaseException as exc:
                if isinstance(exc, Retire) or not _only_discrepancies(exc):
                    raise
            new = set(raised) != before
            if new:
                finding_rounds += 1
                shrunk.update(map(symptom, raised))
            if clock is None:
                if not new or finding_rounds >= MAX_PASSES:
                    break
            elif current.out_of_time:
                break
            elif not new and current.calls < current.examples:
                clock.stopped = "exhausted"  # Hypothesis ended the round: nothing new to draw
                break
    except Retire:
        retire = True
    finally:
        if coverage is not None:
            coverage.plan_shapes = len(novelty.shapes)
            coverage.findings = len(raised) + len(seen_beside) + len(unshrunk)
            coverage.stopped = clock.stopped if clock is not None else ""
        _write_found(writer, raised, seen_beside, lanes, settings, reproduce_command)
    messages = [f.message for f in raised.values()]
    messages += [f.message for fp, f in seen_beside.items() if fp not in raised]
    messages += list(unshrunk.values())
    where = ", ".join(lane.name for lane in lanes)
    summary = (
        f"{len(messages)} distinct failure(s) on {where}:\n\n" + "\n\n".join(messages)
        if messages
        else ""
    )
    if retire:
        raise Retire(summary)
    if messages:
        raise AssertionError(summary)


@contextmanager
def _shrink_deadline(budgeted: bool) -> Iterator[None]:
    """One round, after which Hypothesis' own shrinking limit is back to its default.

    Within a budget, a round shrinks what it found for `ItemClock.shrink_limit_s` (what is left of
    twice the check's share, not past the budget's end), not Hypothesis' five minutes: `run` sets
    `MAX_SHRINKING_SECONDS`, which Hypothesis documents as monkeypatchable, as it raises the
    round's failure. Hypothesis' warning that shrinking was very slow, untrue then, is dropped
    (`budgeted`); without a budget its five minutes stand, and so does its warning.
    """
    report = current_reporter()

    def quiet(text: str) -> None:
        if "working to shrink" not in text:
            report(text)

    try:
        with with_reporter(quiet if budgeted else report):
            yield
    finally:
        hypothesis_engine.MAX_SHRINKING_SECONDS = HYPOTHESIS_SHRINK_S


def _write_found(
    writer: RecordWriter,
    raised: Mapping[str, _Found],
    seen_beside: Mapping[str, _Found],
    lanes: Sequence[Lane],
    settings: Settings,
    reproduce_command: str,
) -> None:
    """Each finding's example, once: fingerprints shrunk together share theirs."""
    examples: dict[int, _Found] = {}
    for found in [*raised.values(), *(f for fp, f in seen_beside.items() if fp not in raised)]:
        examples.setdefault(id(found.cells), found)
    by_name = {lane.name: lane for lane in lanes}
    for found in examples.values():
        write_cells(
            writer,
            found.subject.name,
            found.cells,
            found.frames,
            reproduce_command,
            found.subject.source(),
            _culprits(found, by_name, settings),
            found.known,
            found.subject.script_rules,
        )


def _only_discrepancies(exc: BaseException) -> bool:
    """Whether Hypothesis ended on our findings only (one, or a group of several)."""
    if isinstance(exc, BaseExceptionGroup):
        return all(_only_discrepancies(e) for e in exc.exceptions)
    return isinstance(exc, Discrepancy)


def _known(
    issues: Sequence[KnownIssue], subject: Subject, cells: Sequence[Cell]
) -> dict[tuple[str, str], str]:
    """(lane, variant) -> the registry entry that explains that failing cell."""
    failing = [c for c in cells if c.outcome.is_failure]
    source = subject.source() if failing else ""
    return {
        (c.lane, c.variant): issue
        for c in failing
        if (
            issue := match(
                issues, subject.name, c.lane, c.variant, c.outcome.value, c.detail, source
            )
        )
    }


def _shape(subject: Subject, frames: Frames, timeout_s: float) -> str | None:
    """What makes an example new beside its failures: a query's optimized plan with its literals
    masked; for a property (no query of its own), its input's schema."""
    if subject.query is None:
        return ";".join(str(dict(f.schema)) for f in frames)
    return plan_shape(subject.query, frames, timeout_s)


def _render(subject: Subject, cells: Sequence[Cell]) -> str:
    lanes = ", ".join(dict.fromkeys(c.lane for c in cells))
    parts = [f"{subject.name} on {lanes}: {len(cells)} discrepant cell(s)"]
    parts.append(subject.source())
    for cell in cells:
        parts.append(
            f"\n[{cell.outcome.value}] lane={cell.lane} variant={cell.variant}\n{cell.detail}"
        )
    return "\n".join(parts)


def _culprits(
    found: _Found, lanes: Mapping[str, Lane], settings: Settings
) -> dict[tuple[str, str], tuple[str, ...] | None]:
    """Name the pass(es) behind each failing optimizer variant of a differential example, per
    lane (none on a lane that differs with every pass on: no pass to blame there)."""
    subject, cells, frames = found.subject, found.cells, found.frames
    if subject.query is None:
        return {}  # a property
    engine = {c.lane for c in cells if c.variant == BASELINE.name and c.outcome.is_failure}
    variants = {v.name: v for v in settings.variants}
    failing = [
        c
        for c in cells
        if c.outcome.is_failure
        and c.variant in variants
        and c.lane not in engine
        and c.lane in lanes
    ]
    if not failing:
        return {}
    baseline = run_baseline(subject.query, frames, settings.timeout_s)
    culprits = {}
    for cell in failing:
        watch.lane(cell.lane)
        culprits[cell.lane, cell.variant] = find_culprit(
            subject.query,
            frames,
            subject.rules,
            lanes[cell.lane],
            variants[cell.variant],
            baseline,
            settings.timeout_s,
        )
    return culprits


@dataclass(frozen=True)
class Differential:
    """A query checked on every variant of its lanes against the in-memory all-on baseline, run
    once per input for all lanes."""

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
        return self.evaluate_lanes(subject, frames, data, [lane], settings)

    def evaluate_lanes(
        self,
        subject: Subject,
        frames: Frames,
        data: st.DataObject,
        lanes: Sequence[Lane],
        settings: Settings,
        focus: Mapping[str, Collection[str]] | None = None,
    ) -> list[Cell]:
        assert subject.query is not None
        return check_lanes(
            subject.query,
            frames,
            subject.rules,
            lanes,
            settings.variants,
            settings.timeout_s,
            subject.twins,
            focus,
        )
