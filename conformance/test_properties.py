"""Every property (metamorphic oracles and contract families) on every engine lane."""

from __future__ import annotations

import hypothesis.strategies as st
import pytest
from hypothesis import given

from conformance.differential import NOT_SHRUNK
from conformance.harness import Cell
from conformance.known_issues import match
from conformance.lanes import Lane
from conformance.properties.property import Property, run_property
from conformance.recording import write_cells
from reports.records import RecordWriter


@pytest.mark.conformance
def test_property(
    prop: Property, lane: Lane, selection, record_writer: RecordWriter, reproduce_command: str
) -> None:
    stop: list[str] = []  # a timeout or crash is reported once, without shrinking
    last_failure: list[tuple[Cell, tuple]] = []  # the newest (after shrinking: minimal) failure

    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        if stop:
            raise AssertionError(stop[0])
        frames = data.draw(prop.inputs, label="input frames")
        cell = run_property(prop, lane, frames, data, selection.timeout_s)
        known = match(
            selection.known_issues,
            prop.name,
            lane.name,
            cell.variant,
            cell.outcome.value,
            cell.detail,
        )
        if not cell.outcome.is_failure or known:
            known_map = {cell.variant: known} if known else None
            write_cells(
                record_writer, prop.name, [cell], frames, reproduce_command, known=known_map
            )
            return
        last_failure[:] = [(cell, frames)]
        message = f"{prop.name} on {lane.name}: [{cell.outcome.value}]\n{cell.detail}"
        if cell.outcome in NOT_SHRUNK:
            stop.append(message)
        raise AssertionError(message)

    try:
        run()
    finally:
        if last_failure:
            cell, frames = last_failure[0]
            write_cells(record_writer, prop.name, [cell], frames, reproduce_command)
