"""The one Hypothesis driver: every distinct failure reported, none absorbed, each item replayed.

A planted lane breaks results in two different ways on different inputs; the driver must report
both (each shrunk, each recorded with its input), let a known issue explain only its own symptom,
and replay a saved failure first on the item that found it and on no other.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import settings
from hypothesis.database import InMemoryExampleDatabase

from conformance.engines.lanes import Lane
from conformance.engines.passes import BASELINE, Variant
from conformance.judge.compare import ORDERED
from conformance.run.driver import Differential, Subject, drive
from reports.records import RecordWriter, read_records

BIG = 1000


def _query(df: pl.LazyFrame) -> pl.LazyFrame:
    return df


def two_bug_lane() -> Lane:
    """Drops the last row where some value is odd; raises where some value is at least BIG."""

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        df = lf.collect(engine="in-memory", **variant.collect_kwargs())
        if (df["v"] >= BIG).any():
            raise ValueError("planted: the lane rejects big values")
        if (df["v"] % 2 == 1).any():
            return df.head(-1)
        return df

    return Lane("planted", "in-memory, then planted bugs", lambda: None, collect)


@dataclass
class Drawn:
    """Records every example the check drew, in order."""

    values: list[list[int]] = field(default_factory=list)

    def draw(self, data: st.DataObject) -> tuple[Subject, tuple[pl.DataFrame, ...]]:
        values = data.draw(st.lists(st.integers(0, 10 * BIG), max_size=6), label="v")
        self.values.append(values)
        subject = Subject("identity", _query, ORDERED, lambda: "query = lambda df: df")
        return subject, (pl.DataFrame({"v": values}, schema={"v": pl.Int64}),)


@dataclass(frozen=True)
class Symptom:
    """A stand-in known issue that explains one outcome whose detail matches a pattern."""

    id: str
    outcome: str
    detail: str

    def matches(
        self, operation: str, lane: str, variant: str, outcome: str, detail: str, source: str = ""
    ) -> bool:
        return outcome == self.outcome and re.search(self.detail, detail) is not None


@pytest.fixture
def profile() -> Iterator[InMemoryExampleDatabase]:
    db = InMemoryExampleDatabase()
    settings.register_profile("driver-test", max_examples=200, database=db, deadline=None)
    previous = settings._current_profile
    settings.load_profile("driver-test")
    yield db
    settings.load_profile(previous or "default")


def run(
    tmp_path: Path,
    drawn: Drawn,
    known: list[Symptom] | None = None,
    nodeid: str = "item-a",
    replay: bool = True,
) -> tuple[str, list[dict]]:
    writer = RecordWriter(tmp_path, nodeid)
    options = SimpleNamespace(variants=[BASELINE], timeout_s=30.0, known_issues=known or [])
    lanes = [two_bug_lane()]
    try:
        drive(Differential(drawn.draw), lanes, options, writer, nodeid, "pytest x", replay=replay)
    except AssertionError as exc:
        message = str(exc)
    else:
        message = ""
    finally:
        writer.close()
    return message, [r for r in read_records(tmp_path) if r["worker"] == nodeid]


def failing(records: list[dict]) -> dict[str, dict]:
    return {r["outcome"]: r for r in records if r["outcome"] not in {"pass"}}


def test_two_distinct_bugs_on_one_check_and_lane_are_both_reported(
    profile: InMemoryExampleDatabase, tmp_path: Path
) -> None:
    message, records = run(tmp_path, Drawn())
    assert "2 distinct failure(s) on planted" in message, message
    found = failing(records)
    assert set(found) == {"mismatch", "error-divergence"}, sorted(found)
    # each shrunk on its own to its minimal input, recorded with that input and the query
    for record in found.values():
        assert record["reproduce"]["inputs"]
        assert record["reproduce"]["query"]
    assert "planted: the lane rejects big values" in found["error-divergence"]["detail"]
    assert (
        "number of rows" in found["mismatch"]["detail"] or "height" in found["mismatch"]["detail"]
    )


def test_a_known_issue_explains_its_own_symptom_only(
    profile: InMemoryExampleDatabase, tmp_path: Path
) -> None:
    known = [Symptom("big-values", "error-divergence", "rejects big values")]
    message, records = run(tmp_path, Drawn(), known)
    assert "1 distinct failure(s) on planted" in message, message
    assert "[mismatch]" in message
    assert "rejects big values" not in message
    explained = [r for r in records if r["known_issue"] == "big-values"]
    assert explained
    assert all(r["outcome"] == "error-divergence" for r in explained)
    assert not any(r["known_issue"] for r in records if r["outcome"] == "mismatch")


def test_a_saved_failure_replays_first_on_its_own_item_only(
    profile: InMemoryExampleDatabase, tmp_path: Path
) -> None:
    first = Drawn()
    run(tmp_path / "1", first, nodeid="item-a")
    minimal_big = [BIG]
    assert minimal_big in first.values  # shrunk to the smallest big value
    assert profile.data, "the failures were not saved"

    again = Drawn()
    run(tmp_path / "2", again, nodeid="item-a")
    replayed = again.values[:2]
    assert minimal_big in replayed or [1] in replayed, replayed  # a saved failure comes first

    other = Drawn()
    run(tmp_path / "3", other, nodeid="item-b")  # another item: another key, nothing to replay
    assert other.values[0] not in ([BIG], [1]), other.values[:3]

    # a process continuing the item after its predecessor died (or hung) in an example, which
    # may be a saved one, replays none
    continued = Drawn()
    run(tmp_path / "4", continued, nodeid="item-a", replay=False)
    assert continued.values[0] not in ([BIG], [1]), continued.values[:3]


def test_records_of_every_finding_are_valid_json(
    profile: InMemoryExampleDatabase, tmp_path: Path
) -> None:
    run(tmp_path, Drawn())
    for path in (tmp_path / "records").glob("*.jsonl"):
        for line in path.read_text().splitlines():
            json.loads(line)
