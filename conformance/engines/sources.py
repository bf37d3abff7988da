"""Source lanes: the query's inputs written to files and scanned back, instead of `.lazy()` frames.

Every other lane hands the query in-memory frames, so the file readers and everything the optimizer
pushes into them (predicates meeting parquet statistics, projections, slices, row indexes, hive
partitions, globs of several files) never run. A source writes each input frame into a private
temporary directory and returns the scans; the query runs on top of them, on an engine and with
every optimizer variant, and is compared with the in-memory baseline on the frames themselves.

Each source is a plain function `(frames, directory, **options) -> list[LazyFrame]` that needs
nothing but Polars and the standard library: reproducers embed its source verbatim. A frame with a
dtype the format cannot hold (probed once per dtype, as for the sinks) is refused, not compared.
"""

from __future__ import annotations

import atexit
import inspect
import os
import shutil
import tempfile
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

import polars as pl

from conformance.engines.output_modes import FormatCannotHold, _holds, needs_method


def scan_parquet_files(
    frames: Sequence[pl.DataFrame], directory: str, row_group_rows: int = 2, **scan: object
) -> list[pl.LazyFrame]:
    """Each input as one parquet file of small row groups (the generated frames span several, so
    statistics can prune some), scanned back with `scan` options."""
    lazy = []
    for i, frame in enumerate(frames):
        path = os.path.join(directory, f"input{i}.parquet")
        frame.write_parquet(path, row_group_size=row_group_rows)
        lazy.append(pl.scan_parquet(path, **scan))  # type: ignore[arg-type]
    return lazy


def scan_parquet_glob(
    frames: Sequence[pl.DataFrame], directory: str, files: int = 3, row_group_rows: int = 2
) -> list[pl.LazyFrame]:
    """Each input split in order over several files (some may be empty), scanned by a glob."""
    lazy = []
    for i, frame in enumerate(frames):
        folder = os.path.join(directory, f"input{i}")
        os.makedirs(folder)
        step = max(-(-frame.height // files), 1)
        for part in range(files):
            path = os.path.join(folder, f"part-{part}.parquet")
            frame.slice(part * step, step).write_parquet(path, row_group_size=row_group_rows)
        lazy.append(pl.scan_parquet(os.path.join(folder, "*.parquet")))
    return lazy


def hive_key(frame: pl.DataFrame, max_partitions: int = 16) -> str | None:
    """The first column fit to partition on: an integer, boolean or date with few distinct values.

    Strings are not used: an empty string and a null would share one hive path.
    """
    for name, dtype in frame.schema.items():
        fit = dtype.is_integer() or dtype == pl.Boolean or dtype == pl.Date
        if fit and frame[name].n_unique() <= max_partitions:
            return name
    return None


def scan_parquet_hive(frames: Sequence[pl.DataFrame], directory: str) -> list[pl.LazyFrame]:
    """Each input written hive-partitioned on its `hive_key` column and scanned back as one
    dataset; a written row index puts the rows back in their order, which partitioning changes."""
    lazy = []
    for i, frame in enumerate(frames):
        key = hive_key(frame)
        folder = os.path.join(directory, f"input{i}")
        frame.with_row_index("__row").write_parquet(folder, partition_by=key)
        scan = pl.scan_parquet(folder, hive_partitioning=True, hive_schema={key: frame[key].dtype})
        lazy.append(scan.sort("__row").select(frame.columns))
    return lazy


def scan_parquet_n_rows(
    frames: Sequence[pl.DataFrame], directory: str, row_group_rows: int = 2
) -> list[pl.LazyFrame]:
    """Each input written with its rows again after it, scanned back with `n_rows` its height."""
    lazy = []
    for i, frame in enumerate(frames):
        path = os.path.join(directory, f"input{i}.parquet")
        pl.concat([frame, frame]).write_parquet(path, row_group_size=row_group_rows)
        lazy.append(pl.scan_parquet(path, n_rows=frame.height))
    return lazy


def scan_parquet_row_index(
    frames: Sequence[pl.DataFrame], directory: str, offset: int = 3, row_group_rows: int = 2
) -> list[pl.LazyFrame]:
    """Each input written after a few rows that come before it, scanned back with a row index
    starting at `offset` that a filter uses to skip them."""
    lazy = []
    for i, frame in enumerate(frames):
        path = os.path.join(directory, f"input{i}.parquet")
        before = frame.head(3)
        pl.concat([before, frame]).write_parquet(path, row_group_size=row_group_rows)
        scan = pl.scan_parquet(path, row_index_name="__index", row_index_offset=offset)
        lazy.append(scan.filter(pl.col("__index") >= offset + before.height).drop("__index"))
    return lazy


def scan_file(
    frames: Sequence[pl.DataFrame], directory: str, fmt: str = "ipc"
) -> list[pl.LazyFrame]:
    """Each input as one `fmt` file (ipc, csv, ndjson) scanned back; the text formats carry no
    dtypes, so they are scanned with the frame's schema."""
    lazy = []
    for i, frame in enumerate(frames):
        path = os.path.join(directory, f"input{i}.{fmt}")
        getattr(frame, f"write_{fmt}")(path)
        typed = {"schema": frame.schema} if fmt in ("csv", "ndjson") else {}
        lazy.append(getattr(pl, f"scan_{fmt}")(path, **typed))
    return lazy


def parallel_modes() -> tuple[str, ...]:
    """`scan_parquet(parallel=...)` choices of the installed Polars, read from its own type."""
    try:
        from polars._typing import ParallelStrategy
    except ImportError:
        return ()
    return tuple(a for a in typing.get_args(ParallelStrategy) if isinstance(a, str))


@dataclass(frozen=True)
class Source:
    """One way of reading inputs back: its function, options, the format it must hold."""

    name: str
    function: Callable[..., list[pl.LazyFrame]]  # standalone: reproducers embed its source
    fmt: str  # the file format, whose dtypes are probed
    available: Callable[[], str | None]
    options: Mapping[str, object] = field(default_factory=dict)
    helpers: tuple[Callable[..., object], ...] = ()  # other standalone functions it calls
    # why a frame cannot go through the function, beyond the format's dtypes
    refuse: Callable[[pl.DataFrame], str | None] = lambda frame: None

    def refusal(self, frames: Sequence[pl.DataFrame]) -> str | None:
        """Why these inputs cannot go through this source (a dtype, no key to partition on)."""
        for frame in frames:
            lost = [f"{n} ({d})" for n, d in frame.schema.items() if not _holds(self.fmt, d)]
            if lost:
                return f"{self.fmt} cannot hold column(s) {', '.join(lost)}"
            if reason := self.refuse(frame):
                return reason
        return None

    def scan(self, frames: Sequence[pl.DataFrame]) -> list[pl.LazyFrame]:
        """The inputs written into a fresh private directory and scanned back."""
        if reason := self.refusal(frames):
            raise FormatCannotHold(reason)
        return self.function(frames, _fresh_directory(), **self.options)

    def call_code(self, frames: str, directory: str) -> str:
        """The call of `function` as Python source, for reproducers."""
        options = "".join(f", {k}={v!r}" for k, v in self.options.items())
        return f"{self.function.__name__}({frames}, {directory}{options})"

    def code(self) -> str:
        """The standalone functions this source needs, as Python source."""
        return "\n\n".join(inspect.getsource(f) for f in (*self.helpers, self.function))


# --- where the files go: one private directory per process, a fresh folder per scan -------------

_KEEP = 3  # folders kept: the plans built from the latest scans may still be reading them
_folders: list[str] = []


@cache
def _root() -> str:
    root = tempfile.mkdtemp(prefix="polars-conformance-sources-")
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


def _fresh_directory() -> str:
    _folders.append(tempfile.mkdtemp(dir=_root()))
    while len(_folders) > _KEEP:
        shutil.rmtree(_folders.pop(0), ignore_errors=True)
    return _folders[-1]


# --- the sources --------------------------------------------------------------------------------


def _no_hive_key(frame: pl.DataFrame) -> str | None:
    if frame.height == 0:
        return "an empty frame writes no hive partition at all"
    if hive_key(frame) is None:
        return "no column to hive-partition on (an integer, boolean or date with few values)"
    return None


_parquet = needs_method(pl, "scan_parquet", "use_statistics", "parallel")

SOURCES: tuple[Source, ...] = (
    Source("parquet", scan_parquet_files, "parquet", _parquet, {"use_statistics": True}),
    Source("parquet-nostats", scan_parquet_files, "parquet", _parquet, {"use_statistics": False}),
    *(
        Source(
            f"parquet-parallel-{mode}", scan_parquet_files, "parquet", _parquet, {"parallel": mode}
        )
        for mode in parallel_modes()
        if mode != "auto"  # the default: the `parquet` source
    ),
    Source("parquet-glob", scan_parquet_glob, "parquet", _parquet),
    Source(
        "parquet-hive",
        scan_parquet_hive,
        "parquet",
        needs_method(pl, "scan_parquet", "hive_partitioning", "hive_schema"),
        helpers=(hive_key,),
        refuse=_no_hive_key,
    ),
    Source(
        "parquet-n_rows", scan_parquet_n_rows, "parquet", needs_method(pl, "scan_parquet", "n_rows")
    ),
    Source(
        "parquet-row_index",
        scan_parquet_row_index,
        "parquet",
        needs_method(pl, "scan_parquet", "row_index_name", "row_index_offset"),
    ),
    *(
        Source(fmt, scan_file, fmt, needs_method(pl, f"scan_{fmt}"), {"fmt": fmt})
        for fmt in ("ipc", "csv", "ndjson")
    ),
)
