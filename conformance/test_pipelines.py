"""Generated multi-step pipelines on every lane, with every optimizer variant, against the baseline.

Each example draws a query (`strategies.pipelines`: 1-6 steps chosen to give the optimizer work)
and its input frames; the query's code is what records and reproducers carry, and what the
strategy knows of its row order picks the comparison rules. The harness is the catalog's: baseline,
every variant, known issues, shrinking on the failing variants only, culprit passes.
"""

from __future__ import annotations

from collections.abc import Sequence

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import given

from conformance.compare import ORDERED, UNORDERED, Rules
from conformance.harness import (
    Cell,
    Query,
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
from conformance.selection import PIPELINE
from reports.records import RecordWriter
from strategies.frames import frame_inputs
from strategies.pipelines import Pipeline, pipelines

# Recorded once and not shrunk: each replay would cost a full time limit or a process restart.
_NOT_SHRUNK = frozenset({Outcome.TIMEOUT, Outcome.CRASH})


def rules_for(pipeline: Pipeline) -> Rules:
    """Order-free unless every step kept a defined row order (or a total sort restored one)."""
    return ORDERED if pipeline.ordered else UNORDERED


def _render(pipeline: Pipeline, lane: Lane, cells: Sequence[Cell]) -> str:
    parts = [f"{PIPELINE} on {lane.name}: {len(cells)} discrepant cell(s)\n{pipeline.source}"]
    for cell in cells:
        parts.append(
            f"\n[{cell.outcome.value}] lane={cell.lane} variant={cell.variant}\n{cell.detail}"
        )
    return "\n".join(parts)


@pytest.mark.conformance
def test_pipeline(
    lane: Lane, selection, record_writer: RecordWriter, reproduce_command: str
) -> None:
    focus: list = []  # after a first failure, only the failing variants are re-run while shrinking
    stop: list[str] = []  # a timeout or crash is reported once, without shrinking
    # The newest failing example (after shrinking, the minimal one), recorded either way.
    last_failure: list = []

    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        if stop:
            raise AssertionError(stop[0])
        pipeline = data.draw(pipelines(), label="pipeline")
        frames = data.draw(frame_inputs(pipeline.inputs), label="input frames")
        rules = rules_for(pipeline)
        variants = focus or lane_variants(lane, selection.variants)
        plans = probe_plans(pipeline.query, frames, lane, variants)
        if lane.unavailable_reason() is not None:  # no engine here: its plans can still be read
            write_cells(record_writer, PIPELINE, plans, frames, reproduce_command)
            return
        baseline = run_baseline(pipeline.query, frames, selection.timeout_s)
        cells = check(pipeline.query, frames, rules, lane, variants, selection.timeout_s, baseline)
        known = {
            c.variant: issue
            for c in cells
            if c.outcome.is_failure
            and (
                issue := match(
                    selection.known_issues,
                    PIPELINE,
                    lane.name,
                    c.variant,
                    c.outcome.value,
                    c.detail,
                )
            )
        }
        failures = [c for c in cells if c.outcome.is_failure and c.variant not in known]
        if not failures:
            write_cells(
                record_writer, PIPELINE, cells + plans, frames, reproduce_command, known=known
            )
            return
        last_failure[:] = [(pipeline, cells + plans, frames, known)]
        message = _render(pipeline, lane, failures)
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
            pipeline, cells, frames, known = last_failure[0]
            rules = rules_for(pipeline)
            write_cells(
                record_writer,
                PIPELINE,
                cells,
                frames,
                reproduce_command,
                pipeline.source,
                _culprits(pipeline.query, rules, lane, cells, frames, selection),
                known,
                rules,
            )


def _culprits(
    query: Query,
    rules: Rules,
    lane: Lane,
    cells: Sequence[Cell],
    frames: Sequence[pl.DataFrame],
    selection,
) -> dict:
    """Name the pass(es) behind each failing optimizer variant."""
    if any(c.variant == BASELINE.name and c.outcome.is_failure for c in cells):
        return {}  # the engine differs even with every pass on: no pass to blame
    variants = {v.name: v for v in selection.variants}
    baseline = run_baseline(query, frames, selection.timeout_s)
    return {
        cell.variant: find_culprit(
            query, frames, rules, lane, variants[cell.variant], baseline, selection.timeout_s
        )
        for cell in cells
        if cell.outcome.is_failure and cell.variant in variants
    }
