"""Every catalog operation on every engine lane, with every optimizer variant, against the baseline."""

from __future__ import annotations

import hypothesis.strategies as st
import pytest
from hypothesis import given

from conformance.catalog import Operation
from conformance.harness import Cell, check, find_culprit, probe_plans, run_baseline
from conformance.known_issues import match
from conformance.lanes import Lane
from conformance.outcomes import Outcome
from conformance.passes import BASELINE
from conformance.version import POLARS_VERSION_STRING
from reports.records import Record, RecordWriter, encode_frames
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
        variants = focus or selection.variants
        plans = probe_plans(operation.query, frames, lane, variants)
        if lane.unavailable_reason() is not None:  # no engine here: its plans can still be read
            _write(record_writer, operation, plans, frames, reproduce_command)
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
            _write(record_writer, operation, cells + plans, frames, reproduce_command, known=known)
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
            _write(record_writer, operation, cells, frames, reproduce_command, culprits, known)


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


def _write(
    writer: RecordWriter,
    operation: Operation,
    cells: list[Cell],
    frames,
    command: str,
    culprits: dict | None = None,
    known: dict | None = None,
) -> None:
    for cell in cells:
        reproduce: dict = {
            "pytest": f"{command} --passes={cell.variant.removeprefix('-')}"
            if cell.variant.startswith("-") or cell.variant == "none"
            else command
        }
        if cell.outcome.is_failure:
            reproduce["query"] = operation.source()
            reproduce["inputs"] = encode_frames(frames)
        writer.write(
            Record(
                operation=operation.name,
                lane=cell.lane,
                variant=cell.variant,
                outcome=cell.outcome.value,
                polars_version=POLARS_VERSION_STRING,
                duration_s=round(cell.duration_s, 6),
                test_id=f"{operation.name}-{cell.lane}",
                detail=cell.detail[:4000],
                reproduce=reproduce,
                culprit=list(c) if (c := (culprits or {}).get(cell.variant)) else None,
                known_issue=(known or {}).get(cell.variant),
                plan_notes=list(cell.notes) or None,
            )
        )
