"""The scale tier: big frames built from a few drawn parameters, recorded as the code that builds
them, shrunk toward the smallest frame that still fails.

A planted bug that only shows past N distinct keys (a streaming group-by losing a group) must be
found by the scale tier (small frames have four key values), shrunk to few keys more than N, and
reproduced standalone by a script that rebuilds the frame from the recorded builder call.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings

from conformance.catalog import OPERATIONS
from conformance.engines.lanes import LANES
from conformance.engines.passes import BASELINE
from conformance.judge.compare import ORDERED
from conformance.run.checks import check_for
from conformance.run.driver import Differential, Subject, drive
from reports.records import RecordWriter, encode_frames, input_size, read_records
from reports.reproducer import plan_reproducers, reproducer_source, write_reproducers
from strategies import scale
from strategies.frames import Col, frame_inputs
from strategies.scale import GENERATED_ATTR, MIN_DISTINCT, MIN_ROWS, build_frame, generated_frame
from tests.planted_polars import planted_collect, run_script, write_shim

KEYED = {"k": Col(st.just(pl.Int64), key=True, allow_null=False)}
COLUMNS = {
    "k": (pl.Int32, True, True),
    "s": (pl.String, False, True),
    "t": (pl.Datetime("ns", "Asia/Kathmandu"), False, False),
    "e": (pl.Enum(["a", "b", "ü", ""]), True, True),
    "f": (pl.Float32, False, True),
}
PARAMS = {
    "seed": 7,
    "rows": 200_000,
    "columns": COLUMNS,
    "distinct": 30_000,
    "hot_share": 0.2,
    "null_share": 0.05,
    "null_run": 1000,
    "chunks": 9,
}
# past this many distinct keys, the planted streaming group-by loses a group
THRESHOLD = MIN_DISTINCT + 5_000
QUERY_CODE = "def query(lf):\n    return lf.group_by('k').agg(pl.len()).sort('k')\n"


def _group_count(lf: pl.LazyFrame) -> pl.LazyFrame:
    return lf.group_by("k").agg(pl.len()).sort("k")


def test_a_frame_has_the_drawn_shape_skew_nulls_and_chunks() -> None:
    start = time.perf_counter()
    frame = build_frame(**PARAMS)  # type: ignore[arg-type]
    assert time.perf_counter() - start < 30  # seconds on a loaded machine; milliseconds per column
    assert frame.shape == (200_000, 5)
    assert [s.n_chunks() for s in frame.get_columns()] == [9] * 5
    counts = frame["k"].drop_nulls().value_counts(sort=True)
    assert counts["k"][0] == 0  # the hot key
    assert 0.15 < counts["count"][0] / frame.height < 0.25
    assert 25_000 < frame["k"].n_unique() <= 30_001
    assert frame["s"].n_unique() > 150_000  # high cardinality
    assert frame["t"].null_count() == 0  # a column that may not be null has none
    nulls = frame["s"].is_null()
    assert 0 < nulls.sum() < 0.2 * frame.height
    assert nulls.slice(0, 1000).n_unique() == 1  # nulls come in runs of 1000 rows
    assert frame.equals(build_frame(**PARAMS))  # type: ignore[arg-type]


def test_a_generated_frame_carries_the_code_that_rebuilds_it() -> None:
    frame = generated_frame(PARAMS, ("k",))
    assert frame["k"].drop_nulls().is_sorted()
    generated = getattr(frame, GENERATED_ATTR)
    namespace: dict[str, object] = {"pl": pl}
    exec(generated["code"], namespace)
    again = eval(generated["call"], namespace)
    assert again.equals(frame)
    assert again["k"].chunk_lengths() == frame["k"].chunk_lengths()
    (encoded,) = encode_frames([frame])
    assert encoded == {"generated": generated, "rows": 200_000}
    assert input_size({"reproduce": {"inputs": [encoded]}})[0] == 200_000


@pytest.fixture
def scale_share(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every other example drawn at scale."""
    monkeypatch.setenv("POLARS_CONFORMANCE_PROFILE", "deep")
    monkeypatch.setitem(scale.SCALE_SHARE, "deep", 2)
    settings.register_profile(
        "scale-test",
        max_examples=30,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    previous = settings._current_profile
    settings.load_profile("scale-test")
    yield
    settings.load_profile(previous or "default")


@pytest.mark.usefixtures("scale_share")
def test_only_single_input_draws_that_ask_are_drawn_at_scale() -> None:
    heights: list[tuple[int, ...]] = []

    @settings(max_examples=20, derandomize=True)  # the same draws every run: no flaky miss
    @given(st.data())
    def draw(data: st.DataObject) -> None:
        scaled = data.draw(frame_inputs([KEYED], scale=True))
        small = data.draw(frame_inputs([KEYED]))
        pair = data.draw(frame_inputs([KEYED, KEYED], scale=True))
        heights.append((scaled[0].height, small[0].height, pair[0].height))

    draw()
    assert any(h[0] >= MIN_ROWS for h in heights)
    assert all(h[1] < MIN_ROWS and h[2] < MIN_ROWS for h in heights)


@pytest.mark.usefixtures("scale_share")
def test_an_operation_whose_result_grows_with_the_square_of_its_input_is_never_scaled() -> None:
    """A self-join's one hot key at scale makes billions of rows: `Operation.quadratic` entries
    draw small inputs only, while an ordinary catalog operation draws some at scale."""
    heights: dict[str, list[int]] = {"cache_used_twice": [], "head": []}
    checks = {name: check_for("operation", name) for name in heights}
    assert next(op for op in OPERATIONS if op.name == "cache_used_twice").quadratic

    @settings(max_examples=20, derandomize=True)  # the same draws every run: no flaky miss
    @given(st.data())
    def draw(data: st.DataObject) -> None:
        for name, check in checks.items():
            _, frames = check.draw(data)
            heights[name].append(frames[0].height)

    draw()
    assert any(h >= MIN_ROWS for h in heights["head"])
    assert all(h < MIN_ROWS for h in heights["cache_used_twice"])


@pytest.mark.usefixtures("scale_share")
def test_a_bug_past_many_distinct_keys_is_found_shrunk_and_reproduced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collect = planted_collect(pl.LazyFrame.collect, "distinct-keys", THRESHOLD)
    monkeypatch.setattr(pl.LazyFrame, "collect", collect)
    streaming = next(lane for lane in LANES if lane.name == "streaming")
    subject = Subject("group_count", _group_count, ORDERED, lambda: QUERY_CODE)

    def draw(data: st.DataObject) -> tuple[Subject, tuple[pl.DataFrame, ...]]:
        return subject, data.draw(frame_inputs([KEYED], scale=True), label="input frames")

    writer = RecordWriter(tmp_path, "scale")
    options = SimpleNamespace(variants=[BASELINE], timeout_s=120.0, known_issues=[])
    with pytest.raises(AssertionError, match="1 distinct failure"):
        drive(Differential(draw), [streaming], options, writer, "scale-item", "pytest x")
    writer.close()
    (found,) = [r for r in read_records(tmp_path) if r["outcome"] == "mismatch"]
    (frame,) = found["reproduce"]["inputs"]
    call = frame["generated"]["call"]
    distinct = int(re.search(r"distinct=(\d+)", call).group(1))  # type: ignore[union-attr]
    assert THRESHOLD < distinct < THRESHOLD + 2_000, call  # shrunk to just past the threshold
    assert frame["rows"] < 2 * MIN_ROWS, call

    plan = plan_reproducers([found], tmp_path / "reproducers")
    write_reproducers(plan, tmp_path / "reproducers")
    (path, record) = next(iter(plan.values()))
    text = reproducer_source(record)
    assert "def build_frame(" in text
    assert call in text
    assert "ipc_base64" not in text
    shim = tmp_path / "planted"
    write_shim(shim, "distinct-keys", THRESHOLD)
    broken = run_script(path, shim)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "DataFrames are different" in broken.stdout
    fixed = run_script(path, None)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
