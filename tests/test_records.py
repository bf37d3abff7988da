"""Records survive a dying worker, merge into one results file, and render as a summary."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from reports.analysis import analyse
from reports.records import (
    RECORDS_DIRNAME,
    RESULTS_FILENAME,
    SCHEMA_VERSION,
    Record,
    RecordReader,
    RecordWriter,
    merge_results,
    read_records,
    write_results,
)
from reports.summary import render_summary

ROOT = Path(__file__).resolve().parent.parent


def _record(op: str, lane: str, outcome: str, variant: str = "all-on") -> Record:
    return Record(op, lane, variant, outcome, "x.y.z", 0.001, f"{op}-{lane}")


def test_a_killed_worker_loses_no_written_record(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from reports.records import Record, RecordWriter
        from pathlib import Path
        writer = RecordWriter(Path({str(tmp_path)!r}), "gw7")
        for i in range(3):
            writer.write(Record("op", "streaming", f"v{{i}}", "pass", "x", 0.0, "t"))
        os._exit(9)  # no close, no flush at exit: as if the worker crashed
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], check=False)
    assert proc.returncode == 9
    records = read_records(tmp_path)
    assert [r["variant"] for r in records] == ["v0", "v1", "v2"]
    assert {r["worker"] for r in records} == {"gw7"}


def test_torn_last_line_is_skipped(tmp_path: Path) -> None:
    writer = RecordWriter(tmp_path, "gw0")
    writer.write(_record("a", "streaming", "pass"))
    writer.close()
    with (tmp_path / RECORDS_DIRNAME / "gw0.jsonl").open("a") as f:
        f.write('{"operation": "b", "lan')
    assert [r["operation"] for r in read_records(tmp_path)] == ["a"]


def test_records_read_while_the_workers_write_are_every_record_once_in_order(
    tmp_path: Path,
) -> None:
    """The controlling process reads records as they are appended (`RecordReader.follow`): a line
    half written when it reads is read whole later, and a worker's file that appears late too."""
    reader = RecordReader(tmp_path)
    writer = RecordWriter(tmp_path, "gw1")
    writer.write(_record("a", "streaming", "pass"))
    reader.follow(0.01)
    time.sleep(0.1)
    path = tmp_path / RECORDS_DIRNAME / "gw1.jsonl"
    line = json.dumps({"operation": "b", "lane": "in-memory", "detail": "naïve"}) + "\n"
    with path.open("a", encoding="utf-8") as file:
        file.write(line[:20])  # a worker part way through a line
        file.flush()
        time.sleep(0.1)
        file.write(line[20:])
    late = RecordWriter(tmp_path, "gw0")
    late.write(_record("c", "streaming", "pass"))
    time.sleep(0.1)
    writer.write(_record("d", "streaming", "pass"))
    records, lines = reader.finish()
    assert [r["operation"] for r in records] == ["c", "a", "b", "d"]  # worker by worker
    assert [json.loads(line) for line in lines] == records
    assert records[2]["detail"] == "naïve"


def test_merge_joins_every_worker_file(tmp_path: Path) -> None:
    for worker, op in (("gw0", "a"), ("gw1", "b")):
        writer = RecordWriter(tmp_path, worker)
        writer.write(_record(op, "in-memory", "pass"))
        writer.close()
    returned = merge_results(tmp_path, {"polars_version": "x.y.z", "where": tmp_path})
    payload = json.loads((tmp_path / RESULTS_FILENAME).read_text())
    assert returned == payload  # what the file holds, a Path as its string
    assert payload["where"] == str(tmp_path)
    assert payload["schema_version"] == SCHEMA_VERSION
    assert payload["polars_version"] == "x.y.z"
    assert sorted(r["operation"] for r in payload["records"]) == ["a", "b"]


def test_the_workers_lines_go_into_results_json_as_encoding_them_again_would_write_them(
    tmp_path: Path,
) -> None:
    writer = RecordWriter(tmp_path, "gw0")
    detail = 'naïve "quoted"\n\ttab \u2028 1e-310 NaN'
    writer.write_all(
        [
            _record("a", "streaming", "mismatch"),
            Record("b", "in-memory", "v", "pass", "x.y.z", 0.1, "t", detail),
        ]
    )
    writer.close()
    merged = merge_results(tmp_path, {"polars_version": "x.y.z"})
    as_lines = (tmp_path / RESULTS_FILENAME).read_text()
    write_results(tmp_path / "again.json", merged)  # the records encoded afresh
    assert as_lines == (tmp_path / "again.json").read_text()
    assert json.loads(as_lines)["records"][1]["detail"] == detail


def test_summary_shows_worst_outcome_per_cell_and_skip_reasons(tmp_path: Path) -> None:
    records = [
        {"operation": "join_full", "lane": "streaming", "variant": "all-on", "outcome": "pass"},
        {"operation": "join_full", "lane": "streaming", "variant": "none", "outcome": "mismatch"},
        {"operation": "join_full", "lane": "streaming", "variant": "all-on", "outcome": "pass"},
        {
            "operation": "join_full",
            "lane": "in-memory",
            "variant": "all-on",
            "outcome": "consistent-error",
        },
    ]
    results = {
        "checks": ["join_full", "head"],
        "lanes": {"in-memory": "available", "streaming": "available", "gpu": "no GPU"},
        "skipped": [["join_full", "gpu", "gpu: no GPU"]],
        "records": records,
    }
    lines = render_summary(analyse(results, tmp_path)).splitlines()
    head = lines.index(next(line for line in lines if line.startswith("check ")))
    assert lines[0].startswith("1 new findings (1 cells)")
    assert lines[head].split() == ["check", "in-memory", "streaming", "gpu"]
    assert lines[head + 2].split() == ["join_full", "ok", "1", "MISMATCH", "1/3", "skipped"]
    assert lines[head + 3].split() == ["head", "-", "-", "-"]
    assert "skipped: gpu: no GPU" in lines


def test_encoded_frames_keep_dtypes_values_and_chunk_layout() -> None:
    import datetime as dt

    import polars as pl
    from polars.testing import assert_frame_equal

    from reports.records import decode_frames, encode_frames

    part = pl.DataFrame(
        {
            "t": [dt.datetime(2024, 1, 1, 5), None],
            "l": [[1.5, None], []],
            "c": ["a", None],
        },
        schema={
            "t": pl.Datetime("ns", "Asia/Kathmandu"),
            "l": pl.List(pl.Float32),
            "c": pl.Categorical,
        },
    )
    frame = pl.concat([part, part.clear(), part.head(1)], rechunk=False)
    (decoded,) = decode_frames(encode_frames([frame]))
    assert_frame_equal(decoded, frame)
    assert [s.chunk_lengths() for s in decoded] == [s.chunk_lengths() for s in frame]
    assert decoded["t"].chunk_lengths() == [2, 1]


def test_a_tiled_frame_is_recorded_as_its_base_and_copies() -> None:
    """A tiled input (thousands of rows in as many chunks) is encoded as its base and how many
    copies; it decodes chunk for chunk, counts its rows, and its reproducer repeats the base."""
    import polars as pl
    from polars.testing import assert_frame_equal

    from reports.records import decode_frames, encode_frames, input_size, tile
    from reports.reproducer import _CHUNKED, _PREAMBLE, _inputs_code

    part = pl.DataFrame(
        {"k": [1, None, 3], "l": [[1], None, []]}, schema={"k": pl.Int8, "l": pl.List(pl.Int64)}
    )
    base = pl.concat([part, part.head(1)], rechunk=False)
    frame = tile(base, 300)
    (item,) = encode_frames([frame])
    assert item["copies"] == 300
    assert item["chunk_lengths"] == {"k": [3, 1], "l": [3, 1]}
    (decoded,) = decode_frames([item])
    assert_frame_equal(decoded, frame)
    assert [s.chunk_lengths() for s in decoded] == [s.chunk_lengths() for s in frame]
    assert encode_frames([decoded]) == [item]  # a replayed input is recorded as it was
    # a frame changed in place since it was tiled no longer is its recipe: encoded whole
    changed = tile(base, 300)
    changed.insert_column(0, pl.Series("n", range(1200)))
    assert "copies" not in encode_frames([changed])[0]
    assert input_size({"reproduce": {"inputs": [item]}})[0] == 1200
    _, (code,) = _inputs_code([item])
    assert code.endswith("* 300, rechunk=False)")
    namespace: dict[str, object] = {}
    exec(_PREAMBLE + _CHUNKED, namespace)
    rebuilt = eval(code, namespace)
    assert_frame_equal(rebuilt, frame)
    assert [s.chunk_lengths() for s in rebuilt] == [s.chunk_lengths() for s in frame]
