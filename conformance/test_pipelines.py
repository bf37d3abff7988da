"""Generated multi-step pipelines on every lane, with every optimizer variant, against the baseline.

Each example draws a query (`strategies.pipelines`: 1-6 steps chosen to give the optimizer work)
and its input frames; the query's code is what records and reproducers carry, and what the
strategy knows of its row order picks the comparison rules. The harness is the catalog's: baseline,
every variant, known issues, shrinking on the failing variants only, culprit passes.
"""

from __future__ import annotations

import hypothesis.strategies as st
import polars as pl
import pytest

from conformance.compare import ORDERED, UNORDERED, Rules
from conformance.differential import Subject, run_differential
from conformance.lanes import Lane
from conformance.selection import PIPELINE
from reports.records import RecordWriter
from strategies.frames import frame_inputs
from strategies.pipelines import Pipeline, pipelines


def rules_for(pipeline: Pipeline) -> Rules:
    """Order-free unless every step kept a defined row order (or a total sort restored one)."""
    return ORDERED if pipeline.ordered else UNORDERED


def draw(data: st.DataObject) -> tuple[Subject, tuple[pl.DataFrame, ...]]:
    pipeline = data.draw(pipelines(), label="pipeline")
    frames = data.draw(frame_inputs(pipeline.inputs), label="input frames")
    source = pipeline.source
    subject = Subject(
        PIPELINE, pipeline.query, rules_for(pipeline), lambda: source, record_rules=True
    )
    return subject, frames


@pytest.mark.conformance
def test_pipeline(
    lane: Lane, selection, record_writer: RecordWriter, reproduce_command: str
) -> None:
    run_differential(draw, lane, selection, record_writer, reproduce_command)
