"""Result records: one JSON line per checked cell, written as it happens.

Each pytest process (each xdist worker) appends to its own file and flushes every line, so a worker
that dies loses nothing it already wrote. The session merges every worker's file into one results
file whose schema carries a version number.
"""

from __future__ import annotations

import base64
import io
import json
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

import polars as pl

SCHEMA_VERSION = 1
RECORDS_DIRNAME = "records"
RESULTS_FILENAME = "results.json"


@dataclass(frozen=True)
class Record:
    """One checked cell, as people and tools downstream read it."""

    operation: str
    lane: str
    variant: str
    outcome: str
    polars_version: str
    duration_s: float
    test_id: str
    detail: str = ""
    reproduce: dict[str, Any] = field(default_factory=dict)
    worker: str = ""
    timestamp: float = field(default_factory=time.time)


def frames_to_base64_ipc(frames: Sequence[pl.DataFrame]) -> list[str]:
    """Input frames in a lossless form (Arrow IPC keeps every Polars dtype) for replaying a cell."""
    encoded = []
    for frame in frames:
        buf = io.BytesIO()
        try:
            frame.write_ipc(buf)
        except BaseException as exc:  # a panic writing IPC must not lose the record itself
            encoded.append(f"unencodable: {type(exc).__name__}: {exc}")
            continue
        encoded.append(base64.b64encode(buf.getvalue()).decode())
    return encoded


class RecordWriter:
    """Appends records for one process to `<dir>/records/<worker>.jsonl`."""

    def __init__(self, results_dir: Path, worker: str) -> None:
        self.worker = worker
        self.path = results_dir / RECORDS_DIRNAME / f"{worker}.jsonl"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file: TextIO | None = None

    def write(self, record: Record) -> None:
        if self._file is None:
            self._file = self.path.open("a", encoding="utf-8")
        data = asdict(record)
        data["worker"] = self.worker
        self._file.write(json.dumps(data, default=str) + "\n")
        self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def clear_records(results_dir: Path) -> None:
    """Forget the records of an earlier run (called once, by the controlling process)."""
    directory = results_dir / RECORDS_DIRNAME
    if directory.is_dir():
        for path in directory.glob("*.jsonl"):
            path.unlink()


def read_records(results_dir: Path) -> list[dict[str, Any]]:
    """Every record of every worker; a line torn by a dying worker is skipped."""
    records: list[dict[str, Any]] = []
    for path in sorted((results_dir / RECORDS_DIRNAME).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return records


def merge_results(results_dir: Path, meta: dict[str, Any]) -> Path:
    """Write `results.json`: the run's metadata plus every record, atomically."""
    records = read_records(results_dir)
    payload = {"schema_version": SCHEMA_VERSION, **meta, "records": records}
    out = results_dir / RESULTS_FILENAME
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, out)
    return out


def outcome_counts(records: Iterable[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for record in records:
        counts[record["outcome"]] = counts.get(record["outcome"], 0) + 1
    return counts
