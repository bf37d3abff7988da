"""Result records: one JSON line per checked cell, written as it happens.

Each pytest process (each xdist worker) appends to its own file and flushes every line, so a worker
that dies loses nothing it already wrote. The session merges every worker's file into one results
file whose schema carries a version number.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import sys
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import polars as pl

SCHEMA_VERSION = 2  # 2: checks, skipped, known_issues; failing records carry reproduce.script
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
    culprit: list[str] | None = None  # the pass(es) whose disabling alone gives this outcome
    known_issue: str | None = None  # the registry entry that explains this outcome
    plan_notes: list[str] | None = None  # plan probes: e.g. potentially memory-intensive nodes
    # where a cell and the baseline disagree: which side the references say is wrong, and why
    verdict: str | None = None
    worker: str = ""
    timestamp: float = field(default_factory=time.time)


def encode_frames(frames: Sequence[pl.DataFrame]) -> list[dict[str, Any]]:
    """Input frames in a lossless form for replaying a cell.

    Arrow IPC keeps every Polars dtype; the chunk layout of each column is kept beside it, because
    IPC does not preserve it and some bugs need a particular layout (a chunk boundary in the right place).
    A frame built by code (`strategies.scale`: up to a million rows) carries that code in its
    `_generated_by` attribute, `{"code", "call"}`, which is kept instead of its values: the
    reproducer writes it out; nothing here runs it. A tiled frame (`strategies.frames`: a small
    frame repeated, thousands of rows in hundreds of chunks) carries `_tiled_from`,
    `(base, copies)`: the base is kept, with `copies`.
    """
    encoded: list[dict[str, Any]] = []
    for frame in frames:
        generated = getattr(frame, "_generated_by", None)
        if generated is not None:
            encoded.append({"generated": generated, "rows": frame.height})
            continue
        base, copies = tiled_recipe(frame)
        buf = io.BytesIO()
        try:
            # the stream format: the file writer goes through a streaming sink, 15x slower, and
            # every example's input is encoded before it runs (its pending record); one chunk:
            # the stream writes a batch per chunk, and the chunk lengths beside it restore the
            # layout
            base.rechunk().write_ipc_stream(buf)
        except BaseException as exc:  # a panic writing IPC must not lose the record itself
            encoded.append({"error": f"{type(exc).__name__}: {exc}"})
            continue
        item = {
            "ipc_base64": base64.b64encode(buf.getvalue()).decode(),
            "chunk_lengths": {s.name: s.chunk_lengths() for s in base.get_columns()},
        }
        encoded.append(item if copies == 1 else {**item, "copies": copies})
    return encoded


# The attribute a tiled frame carries (set by `strategies.frames`, and by `tile` below)
TILED_ATTR = "_tiled_from"


def tiled_recipe(frame: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """(base, copies) a tiled frame was built from (itself, once, for any other): a frame changed
    in place since (a column added) keeps the attribute, and is then encoded whole."""
    base, copies = getattr(frame, TILED_ATTR, (frame, 1))
    if copies > 1 and (frame.height != base.height * copies or frame.schema != base.schema):
        return frame, 1
    return base, copies


def read_ipc_bytes(data: bytes) -> pl.DataFrame:
    """A frame from Arrow IPC bytes, in the file format (older records) or the stream format."""
    read = pl.read_ipc if data[:6] == b"ARROW1" else pl.read_ipc_stream
    return read(io.BytesIO(data))


def decode_frames(encoded: Sequence[dict[str, Any]]) -> list[pl.DataFrame]:
    """The frames `encode_frames` saw, with each column split into its original chunks (and a
    tiled frame's base repeated, each copy its own chunks)."""
    bases = decode_bases(encoded)
    return [tile(base, item.get("copies", 1)) for base, item in zip(bases, encoded, strict=True)]


def tile(base: pl.DataFrame, copies: int) -> pl.DataFrame:
    """`base` repeated `copies` times, each copy its own chunks, as a tiled input was built (and
    carrying its recipe, so that it is encoded as it was)."""
    if copies == 1:
        return base
    frame = pl.concat([base] * copies, rechunk=False)
    setattr(frame, TILED_ATTR, (base, copies))
    return frame


def decode_bases(encoded: Sequence[dict[str, Any]]) -> list[pl.DataFrame]:
    """Each frame as its IPC holds it (a tiled frame's base), split into its original chunks."""
    frames = []
    for item in encoded:
        frame = read_ipc_bytes(base64.b64decode(item["ipc_base64"]))
        columns = []
        for series in frame.get_columns():
            lengths = item["chunk_lengths"].get(series.name, [series.len()])
            offsets = [sum(lengths[:i]) for i in range(len(lengths))]
            chunks = [series.slice(o, n) for o, n in zip(offsets, lengths, strict=True)]
            columns.append(pl.concat(chunks, rechunk=False) if len(chunks) > 1 else series)
        frames.append(pl.DataFrame(columns))
    return frames


def replayable(record: Mapping[str, Any]) -> bool:
    """Whether the record's input can be decoded (Polars could write every frame as IPC); a
    generated frame is rebuilt by its reproducer's code only."""
    inputs = record.get("reproduce", {}).get("inputs")
    return inputs is not None and all("ipc_base64" in item for item in inputs)


def input_size(record: Mapping[str, Any]) -> tuple[int, int]:
    """How big a record's input is (rows, then IPC bytes): the smallest example explains best.

    Read from the encoding, without decoding a frame; an input that cannot be replayed is largest.
    """
    inputs = record.get("reproduce", {}).get("inputs")
    if inputs is None or not all("ipc_base64" in i or "generated" in i for i in inputs):
        return (sys.maxsize, sys.maxsize)
    rows = sum(
        i["rows"]
        if "generated" in i
        else sum(next(iter(i["chunk_lengths"].values()), [0])) * i.get("copies", 1)
        for i in inputs
    )
    return rows, sum(len(i.get("ipc_base64") or i["generated"]["call"]) for i in inputs)


class RecordWriter:
    """Appends records for one process to `<dir>/records/<worker>.jsonl`."""

    def __init__(self, results_dir: Path, worker: str) -> None:
        self.worker = worker
        self.results_dir = results_dir
        self.path = results_dir / RECORDS_DIRNAME / f"{worker}.jsonl"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file: TextIO | None = None

    def write(self, record: Record) -> None:
        self.write_all([record])

    def write_all(self, records: Iterable[Record]) -> None:
        """Append `records` and flush once (an example's cells: dozens of records)."""
        if self._file is None:
            self._file = self.path.open("a", encoding="utf-8")
        encode = json.JSONEncoder(default=str).encode
        # shallow: encoding copies nothing
        lines = [encode({**vars(record), "worker": self.worker}) + "\n" for record in records]
        self._file.write("".join(lines))
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
    return read_record_lines(results_dir)[0]


def read_record_lines(results_dir: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Every record of every worker, and each one's line as the worker wrote it (JSON as
    `write_results` writes a record: the lines go into `results.json` as they are)."""
    return RecordReader(results_dir).finish()


@dataclass
class _Read:
    """What a `RecordReader` has read of one worker's file."""

    offset: int = 0
    records: list[dict[str, Any]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


class RecordReader:
    """Every worker's records, read as the workers append them: the controlling process parses
    them while the run explores (`follow`), so at its end only the last seconds' records are left
    to parse (a 10-minute run writes about 450,000 records; parsing them all at the end took 6 s
    of its budget, both workers idle)."""

    def __init__(self, results_dir: Path) -> None:
        self.directory = results_dir / RECORDS_DIRNAME
        self._files: dict[Path, _Read] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def follow(self, interval_s: float) -> None:
        """Read what the workers have appended every `interval_s`, in a thread, until `finish`."""

        def poll() -> None:
            while not self._stop.wait(interval_s):
                with contextlib.suppress(OSError):  # a file gone mid-read: `finish` reads it all
                    self._read(final=False)

        self._thread = threading.Thread(target=poll, name="record-reader", daemon=True)
        self._thread.start()

    def finish(self) -> tuple[list[dict[str, Any]], list[str]]:
        """Every record read (worker by worker, each in the order written) and its line; a line
        torn by a dying worker is skipped."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._read(final=True)
        files = [self._files[path] for path in sorted(self._files)]
        return (
            [r for read in files for r in read.records],
            [line for read in files for line in read.lines],
        )

    def _read(self, final: bool) -> None:
        """Parse each file's new complete lines (and, when `final`, a last line without its
        newline: a worker that died while writing it)."""
        with self._lock:
            for path in self.directory.glob("*.jsonl"):
                read = self._files.setdefault(path, _Read())
                with path.open("rb") as file:
                    file.seek(read.offset)
                    data = file.read()
                end = len(data) if final else data.rfind(b"\n") + 1
                records, lines = [], []  # kept only once the whole chunk is read
                for line in data[:end].decode("utf-8", errors="replace").splitlines():
                    try:
                        records.append(json.loads(line))
                    except (ValueError, RecursionError):  # torn, or nested past the parser
                        continue
                    lines.append(line)
                read.records += records
                read.lines += lines
                read.offset += end


def merge_results(
    results_dir: Path,
    meta: dict[str, Any],
    records: list[dict[str, Any]] | None = None,
    lines: list[str] | None = None,
) -> dict[str, Any]:
    """Write `results.json` (the run's metadata plus every record: `records`, where the caller
    has read them already, and `lines`, their JSON as read, where they are unchanged since)
    atomically, and return what it holds, as reading it back would.

    `records` hold JSON values only (as `read_records` gives them)."""
    if records is None:
        records, lines = read_record_lines(results_dir)
    head = json.loads(json.dumps({"schema_version": SCHEMA_VERSION, **meta}, default=str))
    results = {**head, "records": records}
    write_results(results_dir / RESULTS_FILENAME, results, lines)
    return results


def write_results(
    path: Path, results: Mapping[str, Any], lines: Sequence[str] | None = None
) -> None:
    """`results` to `path` atomically: the metadata indented, each record one line (a 10-minute
    run writes 250,000 records, 200 MB: indenting every field took the encoder 9 s, a line each
    takes 3; `lines`, the records' JSON as the workers wrote it, takes none)."""
    head = {key: value for key, value in results.items() if key != "records"}
    if lines is None:
        lines = list(map(json.JSONEncoder(default=str).encode, results["records"]))
    opening = json.dumps(head, indent=1, default=str).removesuffix("\n}") + "," if head else "{"
    text = opening + '\n "records": [\n' + ",\n".join(lines) + "\n ]\n}\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
