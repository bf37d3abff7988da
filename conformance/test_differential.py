"""Every catalog operation on every engine lane, with every optimizer variant, against the baseline."""

from __future__ import annotations

import hypothesis.strategies as st
import polars as pl
import pytest

from conformance.catalog import Operation
from conformance.differential import Subject, run_differential
from conformance.lanes import Lane
from reports.records import RecordWriter
from strategies.frames import frame_inputs


@pytest.mark.conformance
def test_operation(
    operation: Operation, lane: Lane, selection, record_writer: RecordWriter, reproduce_command: str
) -> None:
    subject = Subject(operation.name, operation.query, operation.rules, operation.source)

    def draw(data: st.DataObject) -> tuple[Subject, tuple[pl.DataFrame, ...]]:
        return subject, data.draw(frame_inputs(operation.inputs), label="input frames")

    run_differential(draw, lane, selection, record_writer, reproduce_command)
