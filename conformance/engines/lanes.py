"""The engine lanes: the one registry of where a query can run.

Each lane says why it cannot run here (one line) instead of failing: Polars too old for `engine=`,
`cudf_polars` missing, no CUDA device, a knob the installed release ignores. Engines are always
named explicitly, because on Polars 2.x `engine="auto"` means streaming. Besides the plain engines
there are configuration lanes (an engine in a child process whose environment sets a knob,
`conformance.engines.configurations`), source lanes (the inputs read back from files,
`conformance.engines.sources`) and output-mode lanes.
"""

from __future__ import annotations

import ctypes
import importlib.util
import inspect
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cache

import polars as pl

from conformance.engines.configurations import (
    CONFIGURATIONS,
    Configuration,
    knobs_in_binary,
    unknown_knobs,
)
from conformance.engines.isolated import IsolatedCollector, NotTransportable
from conformance.engines.output_modes import OUTPUT_MODES, OutputMode
from conformance.engines.passes import Variant
from conformance.engines.plans import GPU_TRANSLATION, STREAMING_PLAN, PlanProbe
from conformance.engines.sources import SOURCES, Source
from conformance.errors import unknown_choice
from conformance.version import POLARS_VERSION_STRING


class GpuFallback(Exception):
    """cudf-polars could not translate the plan: the query would fall back to the CPU."""


class InputTooLarge(NotTransportable):
    """The input has more rows than the lane runs within a cell's time limit: unsupported there."""


@dataclass(frozen=True)
class Lane:
    """A way of running a LazyFrame: an engine plus any process-level setting it needs."""

    name: str
    engine_code: str  # the `engine=` argument as Python source, for reproducers
    _check: Callable[[], str | None] = field(repr=False)  # cached where it is costly
    _collect: Callable[[pl.LazyFrame, Variant, float], pl.DataFrame] = field(repr=False)
    # environment the engine needs from process start (reproducers set it before importing polars)
    env: Mapping[str, str] = field(default_factory=dict)
    # True when `collect` enforces the time limit itself (and cleans up after a hang)
    self_timed: bool = False
    # reads whether this engine would run a plan natively, without running it
    probe: PlanProbe | None = None
    # set for a way of getting results out (sinks, batches, collect_all...) rather than an engine:
    # such a lane runs with every pass on only, and properties do not run on it
    output_mode: OutputMode | None = None
    # runs of a failing cell that must fail again before it is reported: >1 where the lane is
    # nondeterministic (thread counts); the harness confirms, the reproducer repeats
    repeat: int = 1
    # set where the query's inputs are read back from files rather than handed over in memory
    source: Source | None = None
    # the configuration (environment and probe) of a lane that runs in a child process
    configuration: Configuration | None = None
    # the most rows an input may have on this lane (None: any)
    max_rows: int | None = None

    def probe_reason(self) -> str | None:
        """None when this lane's plan probe can run here (even if the lane itself cannot)."""
        if self.probe is None:
            return f"{self.name} has no plan probe"
        return self.probe.unavailable_reason()

    def skip_reason(self) -> str | None:
        """Why this lane has nothing to check here: neither running queries nor probing plans."""
        reason = self.unavailable_reason()
        return reason if reason and self.probe_reason() else None

    def unavailable_reason(self) -> str | None:
        """None when the lane can run on this machine, else a one-line reason."""
        return self._check()

    def collect(self, lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        return self._collect(lf, variant, timeout_s)

    def inputs(self, frames: Sequence[pl.DataFrame]) -> list[pl.LazyFrame]:
        """The query's input LazyFrames: the frames themselves, or read back through the source."""
        if (
            self.max_rows is not None
            and (big := max((f.height for f in frames), default=0)) > self.max_rows
        ):
            raise InputTooLarge(
                f"{self.name} takes inputs of at most {self.max_rows} rows, not {big}"
            )
        if self.source is not None:
            return self.source.scan(frames)
        return [f.lazy() for f in frames]


def _engine_names() -> tuple[str, ...]:
    """Engine strings accepted by `collect(engine=...)` on the installed Polars, if any."""
    if "engine" not in inspect.signature(pl.LazyFrame.collect).parameters:
        return ()
    try:
        from polars._typing import EngineType
    except ImportError:
        return ()
    names: list[str] = []
    for arg in typing.get_args(EngineType):
        names.extend(a for a in typing.get_args(arg) if isinstance(a, str))
    return tuple(names)


def _needs_engine(engine: str) -> Callable[[], str | None]:
    def check() -> str | None:
        if engine in _engine_names():
            return None
        return f"Polars {POLARS_VERSION_STRING} has no collect(engine={engine!r})"

    return cache(check)


def _collect_with(engine: str) -> Callable[[pl.LazyFrame, Variant, float], pl.DataFrame]:
    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        return lf.collect(engine=engine, **variant.collect_kwargs())  # type: ignore[arg-type]

    return collect


# --- configurations (a child process each: knobs are read once per process) ---------------------


def _configuration_lane(config: Configuration) -> Lane:
    collector = IsolatedCollector(config.env, config.probe)

    @cache  # starts the child process once
    def check() -> str | None:
        if reason := _needs_engine(config.engine)():
            return reason
        if not hasattr(pl.LazyFrame, "serialize"):
            return f"Polars {POLARS_VERSION_STRING} cannot serialize plans for the child process"
        try:
            verdict = collector.hello()
        except Exception as exc:
            return f"the child process did not start: {type(exc).__name__}: {exc}"
        if verdict["reason"] is None:
            return None
        knobs = ", ".join(f"{k}={v}" for k, v in config.env.items())
        unknown = unknown_knobs(config)
        hint = f"; its binary never names {', '.join(unknown)}" if unknown else ""
        return f"Polars {POLARS_VERSION_STRING} ignores {knobs}: {verdict['reason']}{hint}"

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        return collector.collect(lf, config.engine, variant, timeout_s)

    return Lane(
        config.name,
        repr(config.engine),
        check,
        collect,
        env=config.env,
        self_timed=True,
        repeat=config.repeat,
        configuration=config,
        max_rows=config.max_rows,
    )


# --- GPU ----------------------------------------------------------------------------------------


def cuda_device_count() -> int:
    """CUDA devices visible through the driver API; 0 when there is no driver."""
    for lib in ("libcuda.so.1", "libcuda.so", "nvcuda.dll"):
        try:
            cuda = ctypes.CDLL(lib)
        except OSError:
            continue
        count = ctypes.c_int(0)
        if cuda.cuInit(0) != 0 or cuda.cuDeviceGetCount(ctypes.byref(count)) != 0:
            return 0
        return count.value
    return 0


@cache
def _gpu_check() -> str | None:
    if not hasattr(pl, "GPUEngine"):
        return f"Polars {POLARS_VERSION_STRING} has no pl.GPUEngine"
    if importlib.util.find_spec("cudf_polars") is None:
        return "cudf_polars is not installed (install the `gpu` extra: cudf-polars-cu12)"
    if cuda_device_count() == 0:
        return "no CUDA device is visible (cudf_polars is installed, but there is no GPU to run on)"
    return None


def _gpu_collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
    try:
        return lf.collect(engine=pl.GPUEngine(raise_on_fail=True), **variant.collect_kwargs())
    except NotImplementedError as exc:  # cudf-polars' translation failure under raise_on_fail
        raise GpuFallback(str(exc)) from exc


ENGINE_LANES: tuple[Lane, ...] = (
    Lane("in-memory", "'in-memory'", _needs_engine("in-memory"), _collect_with("in-memory")),
    Lane(
        "streaming",
        "'streaming'",
        _needs_engine("streaming"),
        _collect_with("streaming"),
        probe=STREAMING_PLAN,
    ),
    *(_configuration_lane(config) for config in CONFIGURATIONS),
    Lane(
        "gpu", "pl.GPUEngine(raise_on_fail=True)", _gpu_check, _gpu_collect, probe=GPU_TRANSLATION
    ),
)

# Each source on each CPU engine: the file readers behave differently under each.
SOURCE_ENGINES = ("in-memory", "streaming")


def _source_lane(source: Source, engine: str) -> Lane:
    engine_check = _needs_engine(engine)

    def check() -> str | None:
        return engine_check() or source.available()

    return Lane(
        f"{source.name}@{engine}", repr(engine), check, _collect_with(engine), source=source
    )


SOURCE_LANES = tuple(_source_lane(s, e) for s in SOURCES for e in SOURCE_ENGINES)


def _output_lane(mode: OutputMode) -> Lane:
    return Lane(
        mode.name,
        "",
        mode.available,
        lambda lf, variant, timeout_s: mode.run(lf),
        output_mode=mode,
        max_rows=mode.max_rows,
    )


LANES = ENGINE_LANES + SOURCE_LANES + tuple(_output_lane(mode) for mode in OUTPUT_MODES)
BASELINE_LANE = LANES[0]


def lane_names() -> list[str]:
    return [lane.name for lane in LANES]


ALL = "all"


def in_default_run(lane: Lane) -> bool:
    """The engines, the output modes and the configurations marked default; source lanes and the
    other configurations multiply the run's size, so they run when asked for."""
    if lane.source is not None:
        return False
    return lane.configuration is None or lane.configuration.default


def select_lanes(spec: Sequence[str] | None) -> list[Lane]:
    """Lanes for `--engines`: names, patterns (`'*@streaming'`, `'streaming-*'`) or `all`; the
    default run's lanes when not given. Validated against the registry."""
    if not spec:
        return [lane for lane in LANES if in_default_run(lane)]
    chosen: list[Lane] = []
    for token in spec:
        pattern = token.strip()
        found = [ln for ln in LANES if pattern == ALL or fnmatchcase(ln.name, pattern)]
        if not found:
            raise unknown_choice("engine", pattern, [ALL, *(ln.name for ln in LANES)])
        chosen.extend(ln for ln in found if ln not in chosen)
    return chosen


def lane_listing() -> list[str]:
    """`--list-passes`' lanes: each lane's availability, and for a configuration lane its knobs
    and whether they took on the installed release (its probe, run in the lane's own process)."""
    out = []
    sections = (
        ("engine lanes", lambda ln: ln in ENGINE_LANES and ln.configuration is None),
        (
            "configuration lanes (an engine in a child process whose environment sets knobs; "
            "a start-up probe shows each took)",
            lambda ln: ln.configuration is not None,
        ),
        (
            "source lanes (inputs written to files in a private directory, scanned back)",
            lambda ln: ln.source is not None,
        ),
        ("output-mode lanes", lambda ln: ln.output_mode is not None),
    )
    for title, member in sections:
        out.append(f"{title}:")
        for lane in filter(member, LANES):
            reason = lane.unavailable_reason()
            out.append(
                f"  {lane.name:<36} {'available' if reason is None else 'unavailable: ' + reason}"
            )
            if (config := lane.configuration) is not None:
                knobs = " ".join(f"{k}={v}" for k, v in config.env.items())
                took = "took" if reason is None else "did not take"
                out.append(f"  {'':<36} {knobs} {took} (probe: {config.probe.describe()})")
                repeat = (
                    f"; a failure is confirmed by {config.repeat} repeats"
                    if config.repeat > 1
                    else ""
                )
                out.append(f"  {'':<36} {config.what}{repeat}")
            if lane.probe is not None:
                probe = lane.probe_reason()
                out.append(
                    f"  {'':<36} {lane.probe.name}: {'available' if probe is None else probe}"
                )
    known = knobs_in_binary()
    used = {k for config in CONFIGURATIONS for k in config.env}
    out.append(
        f"knobs: the installed binary spells out {len(known)} POLARS_* names; the configuration "
        f"lanes set {len(used)}, of which it names {len(used & known)}"
    )
    return out
