"""What a test item checks, by kind and name: the one place the driver's checks are built.

The supervised checking process builds its check from these plain values (the pytest worker sends
them over a pipe), so every kind of check runs through the same driver and the same watchdog.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import hypothesis.strategies as st
import polars as pl

from conformance.catalog import OPERATIONS
from conformance.engines.lanes import Lane
from conformance.judge.compare import ORDERED
from conformance.judge.harness import Cell
from conformance.properties import PROPERTIES
from conformance.properties.property import Property, run_property
from conformance.run.corpus import load_case
from conformance.run.driver import Check, Differential, Settings, Subject, each_lane
from conformance.run.replay import NotReplayable, RecordingData, SharedDraws, script
from conformance.run.selection import PIPELINE, QUERY
from conformance.run.user_queries import check_for_ref
from conformance.source import query_source
from strategies.frames import frame_inputs
from strategies.pipelines import pipelines
from strategies.queries.generate import queries

KINDS = ("operation", "pipeline", "query", "property", "user", "corpus")


def _operation(name: str) -> Check:
    operation = next(op for op in OPERATIONS if op.name == name)
    subject = Subject(
        operation.name, operation.query, operation.rules, operation.source, operation.twins()
    )

    def draw(data: st.DataObject) -> tuple[Subject, tuple[pl.DataFrame, ...]]:
        # an operation on one input may be drawn at scale, unless its result could grow with the
        # square of it (a pipeline's self-join would multiply it too)
        scale = not operation.quadratic
        frames = data.draw(frame_inputs(operation.inputs, scale=scale), label="input frames")
        return subject, frames

    return Differential(draw)


def _draw_pipeline(data: st.DataObject) -> tuple[Subject, tuple[pl.DataFrame, ...]]:
    """A generated query, compared in order only where every step kept a defined row order, and
    within a tolerance only where it uses an inexact builder (`Pipeline.rules`)."""
    pipeline = data.draw(pipelines(), label="pipeline")
    frames = data.draw(frame_inputs(pipeline.inputs), label="input frames")
    source = pipeline.source
    return Subject(PIPELINE, pipeline.query, pipeline.rules, lambda: source), frames


def _draw_query(data: st.DataObject) -> tuple[Subject, tuple[pl.DataFrame, ...]]:
    """A typed generated query (`strategies.queries`): compared in order only where its plan
    defines one, within a tolerance only where an inexact builder was used."""
    query = data.draw(queries(), label="query")
    # inputs tiled to thousands of rows repeat their keys: a join of them would multiply to millions
    frames = data.draw(frame_inputs(query.inputs, tile=not query.growth), label="input frames")
    source = query.source
    return Subject(QUERY, query.query, query.rules, lambda: source, query.twins), frames


@dataclass(frozen=True)
class PropertyCheck:
    """A property as the driver runs it: its input drawn, then its check on the lane.

    Records name the query by the check's own code; a failing example's reproducer replays the
    check with the draws it made (`conformance.run.replay`).
    """

    prop: Property

    def draw(self, data: st.DataObject) -> tuple[Subject, tuple[pl.DataFrame, ...]]:
        frames = data.draw(self.prop.inputs, label="input frames")
        subject = Subject(self.prop.name, None, ORDERED, self._source)
        return subject, frames

    def _source(self) -> str:
        """The check's code, as comments: a reproducer replays the check from the checkout."""
        lines = query_source(self.prop.check).splitlines()
        return "\n".join(["# the property's check (its queries):", *(f"#   {ln}" for ln in lines)])

    def evaluate(
        self,
        subject: Subject,
        frames: tuple[pl.DataFrame, ...],
        data: st.DataObject,
        lane: Lane,
        settings: Settings,
    ) -> list[Cell]:
        return self.evaluate_lanes(subject, frames, data, [lane], settings)

    def evaluate_lanes(
        self,
        subject: Subject,
        frames: tuple[pl.DataFrame, ...],
        data: st.DataObject,
        lanes: Sequence[Lane],
        settings: Settings,
        focus: Mapping[str, Collection[str]] | None = None,
    ) -> list[Cell]:
        """The property on each lane (with `focus`, its lanes only), every lane handed the same
        draws (`SharedDraws`), until the example may start no further cell."""
        shared = SharedDraws(data)
        return each_lane(
            lanes, focus, lambda lane: [self._cell(frames, shared.lane(), lane, settings)]
        )

    def _cell(
        self,
        frames: tuple[pl.DataFrame, ...],
        recording: RecordingData,
        lane: Lane,
        settings: Settings,
    ) -> Cell:
        cell = run_property(self.prop, lane, frames, recording, settings.timeout_s)  # type: ignore[arg-type]
        if not cell.outcome.is_failure:
            return cell
        try:
            return dataclasses.replace(
                cell, script=script(self.prop.name, lane.name, recording.draws)
            )
        except NotReplayable:
            return cell


def check_for(kind: str, name: str) -> Check:
    """The check of one test item: an operation, the generated pipelines, a property, a user
    query (`name` is `<module path>::<function>`) or a corpus case (`name` is its file)."""
    if kind == "operation":
        return _operation(name)
    if kind == "pipeline":
        return Differential(_draw_pipeline)
    if kind == "query":
        return Differential(_draw_query)
    if kind == "property":
        return PropertyCheck(next(p for p in PROPERTIES if p.name == name))
    if kind == "user":
        return check_for_ref(name)
    if kind == "corpus":
        return load_case(Path(name))
    raise ValueError(f"unknown check kind {kind!r}; valid choices: {', '.join(KINDS)}")
