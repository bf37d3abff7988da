"""Every catalog operation on every engine lane, with every optimizer variant, against the baseline."""

from __future__ import annotations

import hypothesis.strategies as st
import pytest
from hypothesis import given

from conformance.catalog import Operation
from conformance.harness import (
    Cell,
    check,
    find_culprit,
    lane_variants,
    probe_plans,
    run_baseline,
)
from conformance.known_issues import match
from conformance.lanes import Lane
from conformance.outcomes import Outcome
from conformance.passes import BASELINE
from conformance.recording import write_cells
from reports.records import RecordWriter
from strategies.frames import frame_inputs

# Outcomes that are recorded once and not shrunk: each replay would cost a full time limit or a
# process restart, and the recorded input already reproduces them.
_NOT_SHRUNK = frozenset({Outcome.TIMEOUT, Outcome.CRASH})


def _render(operation: Operation, lane: Lane, cells: list[Cell]) -> str:
    parts = [f"{operation.name} on {lane.name}: {len(cells)} discrepant cell(s)"]
    for cell in cells:
        parts.append(
            f"\n[{cell.outcome.value}] lane={cell.lane} variant={cell.variant}\n{cell.detail}"
        )
    return "\n".join(parts)


@pytest.mark.conformance
def test_operation(
    operation: Operation, lane: Lane, selection, record_writer: RecordWriter, reproduce_command: str
) -> None:
    focus: list = []  # after a first failure, only the failing variants are re-run while shrinking
    stop: list[str] = []  # a timeout or crash is reported once, without shrinking
    # The newest failing example: after shrinking, the minimal one; if the failure did not
    # reproduce (Hypothesis' FlakyFailure), the one that was seen. Recorded either way.
    last_failure: list = []

    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        if stop:
            raise AssertionError(stop[0])
        frames = data.draw(frame_inputs(operation.inputs), label="input frames")
        variants = focus or lane_variants(lane, selection.variants)
        plans = probe_plans(operation.query, frames, lane, variants)
        if lane.unavailable_reason() is not None:  # no engine here: its plans can still be read
            write_cells(record_writer, operation.name, plans, frames, reproduce_command)
            return
        baseline = run_baseline(operation.query, frames, selection.timeout_s)
        cells = check(
            operation.query, frames, operation.rules, lane, variants, selection.timeout_s, baseline
        )
        known = {
            c.variant: issue
            for c in cells
            if c.outcome.is_failure
            and (
                issue := match(
                    selection.known_issues, operation.name, lane.name, c.variant, c.outcome.value
                )
            )
        }
        failures = [c for c in cells if c.outcome.is_failure and c.variant not in known]
        if not failures:
            write_cells(
                record_writer, operation.name, cells + plans, frames, reproduce_command, known=known
            )
            return
        last_failure[:] = [(cells + plans, frames, known)]
        message = _render(operation, lane, failures)
        if any(c.outcome in _NOT_SHRUNK for c in failures):
            stop.append(message)
        focus[:] = focus or [
            v for v in selection.variants if v.name in {c.variant for c in failures}
        ]
        raise AssertionError(message)

    try:
        run()
    finally:
        if last_failure:
            cells, frames, known = last_failure[0]
            culprits = _culprits(operation, lane, cells, frames, selection)
            write_cells(
                record_writer,
                operation.name,
                cells,
                frames,
                reproduce_command,
                operation.source(),
                culprits,
                known,
            )


def _culprits(operation: Operation, lane: Lane, cells: list[Cell], frames, selection) -> dict:
    """Name the pass(es) behind each failing optimizer variant."""
    if any(c.variant == BASELINE.name and c.outcome.is_failure for c in cells):
        return {}  # the engine differs even with every pass on: no pass to blame
    variants = {v.name: v for v in selection.variants}
    baseline = run_baseline(operation.query, frames, selection.timeout_s)
    out = {}
    for cell in cells:
        if cell.outcome.is_failure and cell.variant in variants:
            out[cell.variant] = find_culprit(
                operation.query,
                frames,
                operation.rules,
                lane,
                variants[cell.variant],
                baseline,
                selection.timeout_s,
            )
    return out
