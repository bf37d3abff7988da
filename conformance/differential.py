"""One differential check as Hypothesis drives it, for catalog operations and generated pipelines.

Each example draws a query and its input frames, runs the baseline and every optimizer variant of
the lane, and lets the known-issue registry explain failing cells. After a first failure only the
failing variants are re-run while Hypothesis shrinks; the newest (after shrinking, the minimal)
failing example is recorded with its culprit passes and the query's code. The two test modules
differ only in how they draw the query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import hypothesis.strategies as st
import polars as pl
from hypothesis import given

from conformance.compare import Rules
from conformance.harness import (
    Cell,
    Query,
    check,
    find_culprit,
    lane_variants,
    probe_plans,
    run_baseline,
)
from conformance.known_issues import KnownIssue, match
from conformance.lanes import Lane
from conformance.outcomes import Outcome
from conformance.passes import BASELINE, Variant
from conformance.recording import write_cells
from reports.records import RecordWriter

# Recorded once and not shrunk: each replay would cost a full time limit or a process restart, and
# the recorded input already reproduces them.
NOT_SHRUNK = frozenset({Outcome.TIMEOUT, Outcome.CRASH})


@dataclass(frozen=True)
class Subject:
    """What one example checks: the query, how results compare, and how records name it."""

    name: str  # the record's operation: a catalog name, or `pipeline`
    query: Query
    rules: Rules
    source: Callable[[], str]  # the query as code, for records and reproducers
    # A query that is no catalog entry carries its rules in the record, for its reproducer.
    record_rules: bool = False


class Settings(Protocol):
    """What the run's selection (conftest) gives a check."""

    variants: list[Variant]
    timeout_s: float
    known_issues: list[KnownIssue]


Draw = Callable[[st.DataObject], tuple[Subject, tuple[pl.DataFrame, ...]]]


def run_differential(
    draw: Draw,
    lane: Lane,
    selection: Settings,
    writer: RecordWriter,
    reproduce_command: str,
) -> None:
    """Check drawn subjects on `lane`; raise (for pytest) on a failure no known issue explains."""
    focus: list[Variant] = []  # after a first failure, only the failing variants are re-run
    stop: list[str] = []  # a timeout or crash is reported once, without shrinking
    # The newest failing example: after shrinking, the minimal one; if the failure did not
    # reproduce (Hypothesis' FlakyFailure), the one that was seen. Recorded either way.
    last_failure: list[tuple[Subject, list[Cell], tuple[pl.DataFrame, ...], dict]] = []

    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        if stop:
            raise AssertionError(stop[0])
        subject, frames = draw(data)
        variants = focus or lane_variants(lane, selection.variants)
        plans = probe_plans(subject.query, frames, lane, variants)
        if lane.unavailable_reason() is not None:  # no engine here: its plans can still be read
            write_cells(writer, subject.name, plans, frames, reproduce_command)
            return
        baseline = run_baseline(subject.query, frames, selection.timeout_s)
        cells = check(
            subject.query, frames, subject.rules, lane, variants, selection.timeout_s, baseline
        )
        known = {
            c.variant: issue
            for c in cells
            if c.outcome.is_failure
            and (
                issue := match(
                    selection.known_issues,
                    subject.name,
                    lane.name,
                    c.variant,
                    c.outcome.value,
                    c.detail,
                )
            )
        }
        failures = [c for c in cells if c.outcome.is_failure and c.variant not in known]
        if not failures:
            write_cells(writer, subject.name, cells + plans, frames, reproduce_command, known=known)
            return
        last_failure[:] = [(subject, cells + plans, frames, known)]
        message = _render(subject, lane, failures)
        if any(c.outcome in NOT_SHRUNK for c in failures):
            stop.append(message)
        focus[:] = focus or [
            v for v in selection.variants if v.name in {c.variant for c in failures}
        ]
        raise AssertionError(message)

    try:
        run()
    finally:
        if last_failure:
            subject, cells, frames, known = last_failure[0]
            write_cells(
                writer,
                subject.name,
                cells,
                frames,
                reproduce_command,
                subject.source(),
                _culprits(subject, lane, cells, frames, selection),
                known,
                subject.rules if subject.record_rules else None,
            )


def _render(subject: Subject, lane: Lane, cells: Sequence[Cell]) -> str:
    parts = [f"{subject.name} on {lane.name}: {len(cells)} discrepant cell(s)\n{subject.source()}"]
    for cell in cells:
        parts.append(
            f"\n[{cell.outcome.value}] lane={cell.lane} variant={cell.variant}\n{cell.detail}"
        )
    return "\n".join(parts)


def _culprits(
    subject: Subject,
    lane: Lane,
    cells: Sequence[Cell],
    frames: Sequence[pl.DataFrame],
    selection: Settings,
) -> dict[str, tuple[str, ...] | None]:
    """Name the pass(es) behind each failing optimizer variant."""
    if any(c.variant == BASELINE.name and c.outcome.is_failure for c in cells):
        return {}  # the engine differs even with every pass on: no pass to blame
    variants = {v.name: v for v in selection.variants}
    baseline = run_baseline(subject.query, frames, selection.timeout_s)
    return {
        cell.variant: find_culprit(
            subject.query,
            frames,
            subject.rules,
            lane,
            variants[cell.variant],
            baseline,
            selection.timeout_s,
        )
        for cell in cells
        if cell.outcome.is_failure and cell.variant in variants
    }
