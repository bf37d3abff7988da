"""Configuration lanes: an engine run in a child process whose environment sets Polars' knobs.

One table, one entry per lane: its name, engine, environment and the probe that shows the knob took
on the installed release (`conformance.engines.probes`). The knobs were found in Polars' source and
documentation (the thread pool, the streaming morsel size, the in-memory group-by's partitioning
switches, the streaming group-by's partitions and hot tables, the streaming sort's partitioning and
out-of-core spilling); `knobs_in_binary` reads which `POLARS_*` names the installed binary holds at
all, so a lane whose probe fails can say whether the release even knows the name.

Thread counts make scheduling, and so some results' order or a race, nondeterministic: those lanes
declare `repeat`, and a failing cell is confirmed by running it again before it is reported.
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from conformance.engines.probes import Probe

# Releases name the streaming morsel size differently (2.x and 1.25-1.35: POLARS_IDEAL_MORSEL_SIZE;
# 1.36-1.44: POLARS_STREAMING_CHUNK_SIZE): both are set, the probe says whether either took.
MORSEL_KNOBS = ("POLARS_IDEAL_MORSEL_SIZE", "POLARS_STREAMING_CHUNK_SIZE")
THREADS = "POLARS_MAX_THREADS"
# Enough runs to tell a race from a fluke without tripling every failing cell's cost.
NONDETERMINISTIC_REPEATS = 3


@dataclass(frozen=True)
class Configuration:
    """One configuration lane: where it runs, the environment it starts with, how that is proven."""

    name: str
    engine: str  # "in-memory" or "streaming"
    env: Mapping[str, str]
    probe: Probe
    what: str  # the execution path the knob selects, for listings and the README
    # runs of a failing cell that must fail again before it is reported (1: report at once)
    repeat: int = 1
    # the largest input it takes: tiny morsels make a frame at scale take minutes per query
    max_rows: int | None = None
    # part of a run that names no lanes (`--engines` not given); the others run when named,
    # by pattern, or with `--engines=all`, so the default run keeps its size
    default: bool = False


def _morsels(
    name: str, rows: int, max_rows: int | None = None, default: bool = False
) -> Configuration:
    return Configuration(
        name,
        "streaming",
        dict.fromkeys(MORSEL_KNOBS, str(rows)),
        Probe("morsels", (rows,)),
        f"the streaming engine with {rows}-row morsels: small inputs cross morsel boundaries",
        max_rows=max_rows,
        default=default,
    )


def _threads(engine: str, threads: int) -> Configuration:
    plural = "thread" if threads == 1 else "threads"
    return Configuration(
        f"{engine}-{threads}-{plural}",
        engine,
        {THREADS: str(threads)},
        Probe("threads", (threads,)),
        f"the {engine} engine on a thread pool of {threads}",
        repeat=NONDETERMINISTIC_REPEATS,
    )


CONFIGURATIONS: tuple[Configuration, ...] = (
    _threads("streaming", 1),
    _threads("streaming", 4),
    _threads("in-memory", 1),
    # a million rows take about a minute per query in 1-row morsels, ten seconds in 5-row ones.
    # Tiny morsels are for small inputs crossing morsel boundaries; a scale frame past 20,000 rows
    # runs on the streaming lane's own morsels. (At 200,000 rows the 5-row lane took 45% of the
    # default main job's query time, up to 100 s per example: one example, twenty checks' shares.)
    _morsels("streaming-morsel-1", 1, max_rows=10_000),
    _morsels("streaming-small-morsels", 5, max_rows=20_000, default=True),
    _morsels("streaming-morsel-64", 64),
    Configuration(
        "in-memory-partitioned-group-by",
        "in-memory",
        {"POLARS_FORCE_PARTITION": "1"},
        Probe("verbose", ("in-memory", "group_by", "POLARS_FORCE_PARTITION set")),
        "the in-memory group-by always partitioned (by default only past 1000 rows of few keys)",
    ),
    Configuration(
        "in-memory-unpartitioned-group-by",
        "in-memory",
        {"POLARS_NO_PARTITION": "1"},
        Probe("verbose", ("in-memory", "group_by", "POLARS_NO_PARTITION set")),
        "the in-memory group-by never partitioned",
    ),
    Configuration(
        "streaming-group-by-partitions",
        "streaming",
        {"POLARS_GROUP_BY_NUM_PARTITIONS": "7"},
        Probe("verbose", ("streaming", "group_by", r"\[group-by\]: 7 partitions")),
        "the streaming group-by's keys split into 7 partitions, stored and merged",
    ),
    Configuration(
        "streaming-small-hot-table",
        "streaming",
        {
            "POLARS_HOT_TABLE_SIZE": "4",
            "POLARS_MAX_HOT_TABLE_SIZE": "16",
            "POLARS_GROUP_BY_MIN_ROWS_PER_PARTITION": "1",
        },
        Probe("rejects", ("POLARS_HOT_TABLE_SIZE", "streaming", "group_by")),
        "the streaming group-by with 4-key hot tables: keys evicted to cold storage",
    ),
    Configuration(
        "streaming-partitioned-sort",
        "streaming",
        {
            "POLARS_SORT_PARTITION_THRESHOLD_BYTES": "1",
            "POLARS_SORT_TARGET_BUCKET_BYTES": "1024",
            "POLARS_SORT_BUILDER_MEMORY_BYTES": "65536",
            "POLARS_SORT_SAMPLE_ROWS": "8",
        },
        Probe("verbose", ("streaming", "sort", "sort: partitioning")),
        "the streaming sort partitioned into sampled buckets instead of sorted in memory",
    ),
    Configuration(
        "streaming-spill",
        "streaming",
        {
            "POLARS_OOC_MEMORY_BUDGET_MB": "0",
            "POLARS_OOC_SPILL_MIN_BYTES": "1",
            "POLARS_OOC_DRIFT_THRESHOLD": "0",
        },
        Probe("verbose", ("streaming", "sort", "ooc: spilling")),
        "the streaming engine out of core: a zero memory budget spills buffered data to disk",
    ),
)


def _binary() -> Path | None:
    """The installed Polars' compiled extension, where the knob names it reads are spelled out."""
    try:
        import polars._plr as plr  # the runtime module (1.3x and later)

        return Path(plr.__file__) if plr.__file__ else None
    except ImportError:
        found = sorted(Path(pl.__file__).parent.glob("*.so")) + sorted(
            Path(pl.__file__).parent.glob("*.pyd")
        )
        return found[0] if found else None


def _scan_binary(names: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """(every `POLARS_*` run of capitals in the binary, those of `names` it spells out)."""
    path = _binary()
    if path is None:
        return frozenset(), frozenset()
    try:
        with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            runs = frozenset(m.decode() for m in re.findall(rb"POLARS_[A-Z0-9_]+", data))  # type: ignore[call-overload]
            return runs, frozenset(n for n in names if data.find(n.encode()) >= 0)
    except OSError:
        return frozenset(), frozenset()


@cache
def _binary_knobs() -> tuple[frozenset[str], frozenset[str]]:
    return _scan_binary(tuple(k for c in CONFIGURATIONS for k in c.env))


def knobs_in_binary() -> frozenset[str]:
    """The `POLARS_*` names the installed binary holds, read at run time: what this release may
    read from the environment. Rust strings run together, so runs are split at each `POLARS_`
    (a name directly followed by other capitals keeps them). Empty when the binary is unreadable."""
    names = set()
    for run in _binary_knobs()[0]:
        for part in run.split("POLARS_"):
            if part.strip("_"):
                names.add("POLARS_" + part.rstrip("_"))
    return frozenset(names)


def unknown_knobs(config: Configuration) -> list[str]:
    """The lane's knobs the installed binary does not spell out anywhere: it cannot read them.

    Empty when the binary cannot be read (then nothing is known either way).
    """
    runs, present = _binary_knobs()
    return [k for k in config.env if runs and k not in present]
