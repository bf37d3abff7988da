"""Source lanes: inputs written to files and scanned back, every source faithful on honest Polars.

A planted reader that loses a row group when statistics are used must be caught by the source lane
that reads with statistics (not by the one without), and its record must give a standalone
reproducer that embeds the reading code and exits 1 while the reader is broken.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import polars as pl
import pytest

from conformance.engines.lanes import LANES, SOURCE_ENGINES, SOURCE_LANES, Lane, _collect_with
from conformance.engines.passes import BASELINE, NONE, select_variants
from conformance.engines.sources import SOURCES, Source, hive_key, parallel_modes
from conformance.judge.compare import ORDERED, UNORDERED
from conformance.judge.harness import check
from conformance.run.reproduce_spec import reproduce_fields
from reports.outcomes import Outcome
from reports.reproducer import write_reproducer

FRAME = pl.DataFrame(
    {
        "k": [1, 2, 1, None, 3, 2, 1, 3],
        "v": [0.5, -0.0, 2.25, None, 7.0, 1.5, -3.0, 4.0],
        "s": ["a", "", None, "ü", "b", "a", "c", "d"],
        "d": [dt.date(2000, 1, i) for i in range(1, 9)],
    },
    schema={"k": pl.Int32, "v": pl.Float64, "s": pl.String, "d": pl.Date},
)
CHUNKED = pl.concat([FRAME.head(3), FRAME.tail(5)], rechunk=False)
QUERY_CODE = "def query(lf):\n    return lf.filter(pl.col('k') >= 2)\n"


def _filter(lf: pl.LazyFrame) -> pl.LazyFrame:
    return lf.filter(pl.col("k") >= 2)


def _identity(lf: pl.LazyFrame) -> pl.LazyFrame:
    return lf


def _join(left: pl.LazyFrame, right: pl.LazyFrame) -> pl.LazyFrame:
    return left.join(right, on="k", how="left")


def leaky_parquet(
    frames: Sequence[pl.DataFrame], directory: str, use_statistics: bool = True
) -> list[pl.LazyFrame]:
    """A planted reader: with statistics on, the third row group (rows 4-5) is lost."""
    lazy = []
    for i, frame in enumerate(frames):
        path = os.path.join(directory, f"input{i}.parquet")
        frame.write_parquet(path, row_group_size=2)
        scan = pl.scan_parquet(path, use_statistics=use_statistics)
        if use_statistics:
            scan = scan.with_row_index("__i").filter(~pl.col("__i").is_between(4, 5)).drop("__i")
        lazy.append(scan)
    return lazy


def _leaky_lane(use_statistics: bool) -> Lane:
    source = Source(
        "leaky-parquet" if use_statistics else "leaky-parquet-nostats",
        leaky_parquet,
        "parquet",
        lambda: None,
        {"use_statistics": use_statistics},
    )
    return Lane(
        f"{source.name}@in-memory",
        "'in-memory'",
        lambda: None,
        _collect_with("in-memory"),
        source=source,
    )


def _run(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(path)], capture_output=True, text=True, timeout=120, check=False
    )


def test_each_source_runs_on_each_cpu_engine() -> None:
    names = {lane.name for lane in LANES}
    for source in SOURCES:
        for engine in SOURCE_ENGINES:
            assert f"{source.name}@{engine}" in names
    parallel = {s.options.get("parallel") for s in SOURCES} - {None}
    assert parallel == set(parallel_modes()) - {"auto"}
    assert {s.options.get("use_statistics") for s in SOURCES} >= {True, False}


@pytest.mark.parametrize("source_lane", SOURCE_LANES, ids=lambda lane: lane.name)
def test_every_source_gives_back_what_was_written(source_lane: Lane) -> None:
    """Honest Polars: every source agrees with the in-memory frames, ordered, with a filter that
    statistics can prune, and under every optimizer pass turned off."""
    variants = [BASELINE, next(v for v in select_variants(None) if v.name == NONE)]
    assert source_lane.source is not None
    frame = CHUNKED.drop("v") if source_lane.source.fmt == "ndjson" else CHUNKED  # JSON has no NaN
    for query in (_identity, _filter):
        cells = check(query, [frame], ORDERED, source_lane, variants, 30.0)
        assert [c.outcome for c in cells] == [Outcome.PASS] * 2, [c.detail for c in cells]


@pytest.mark.parametrize("name", ["parquet@streaming", "csv@in-memory", "parquet-hive@in-memory"])
def test_a_two_input_query_reads_both_inputs_back(name: str) -> None:
    lane = next(lane for lane in SOURCE_LANES if lane.name == name)
    right = pl.DataFrame(
        {"k": [1, 3, 3], "w": ["x", "y", "z"]}, schema={"k": pl.Int32, "w": pl.String}
    )
    (cell,) = check(_join, [FRAME, right], UNORDERED, lane, [BASELINE], 30.0)
    assert cell.outcome is Outcome.PASS, cell.detail


def test_a_dtype_the_format_cannot_hold_is_unsupported_not_compared() -> None:
    lane = next(lane for lane in SOURCE_LANES if lane.name == "ndjson@in-memory")
    (cell,) = check(_identity, [FRAME], ORDERED, lane, [BASELINE], 30.0)
    assert cell.outcome is Outcome.UNSUPPORTED
    assert "ndjson cannot hold column(s) v (Float64)" in cell.detail


def test_hive_partitions_on_a_key_with_few_values_or_refuses() -> None:
    assert hive_key(FRAME) == "k"
    assert hive_key(FRAME.select("v", "s")) is None
    lane = next(lane for lane in SOURCE_LANES if lane.name == "parquet-hive@streaming")
    (cell,) = check(_identity, [FRAME.select("v", "s")], ORDERED, lane, [BASELINE], 30.0)
    assert cell.outcome is Outcome.UNSUPPORTED
    assert "hive-partition" in cell.detail


def test_a_reader_that_drops_a_row_group_is_caught_and_reproduced(tmp_path: Path) -> None:
    pruning, plain = _leaky_lane(True), _leaky_lane(False)
    (cell,) = check(_filter, [FRAME], ORDERED, pruning, [BASELINE], 30.0)
    assert cell.outcome is Outcome.MISMATCH, cell.detail
    (honest,) = check(_filter, [FRAME], ORDERED, plain, [BASELINE], 30.0)
    assert honest.outcome is Outcome.PASS, honest.detail

    def record(lane: Lane) -> dict[str, object]:
        return {
            "operation": "filter",
            "lane": lane.name,
            "variant": BASELINE.name,
            "outcome": "mismatch",
            "polars_version": pl.__version__,
            "detail": cell.detail,
            "reproduce": reproduce_fields(QUERY_CODE, [FRAME], lane, BASELINE, ORDERED),
        }

    path = write_reproducer(tmp_path / "leaky.py", record(pruning))
    text = path.read_text()
    assert "def leaky_parquet(" in text
    assert "leaky_parquet(inputs, tempfile.mkdtemp(dir=_files.name), use_statistics=True)" in text
    broken = _run(path)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "DataFrames are different" in broken.stdout
    # the same reproducer through the real statistics-using source: this Polars reads it right
    real = next(lane for lane in SOURCE_LANES if lane.name == "parquet@in-memory")
    fixed = _run(write_reproducer(tmp_path / "real.py", record(real)))
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "the discrepancy is fixed" in fixed.stdout
