"""The engine lanes: the one registry of where a query can run.

Each lane says why it cannot run here (one line) instead of failing: Polars too old for `engine=`,
`cudf_polars` missing, no CUDA device. Engines are always named explicitly, because on Polars 2.x
`engine="auto"` means streaming.
"""

from __future__ import annotations

import ctypes
import importlib.util
import inspect
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

import polars as pl

from conformance.engines.isolated import MORSEL_ENV_VARS, SMALL_MORSEL_ROWS, IsolatedCollector
from conformance.engines.output_modes import OUTPUT_MODES, OutputMode
from conformance.engines.passes import Variant
from conformance.engines.plans import GPU_TRANSLATION, STREAMING_PLAN, PlanProbe
from conformance.errors import unknown_choice
from conformance.version import POLARS_VERSION_STRING


class GpuFallback(Exception):
    """cudf-polars could not translate the plan: the query would fall back to the CPU."""


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


# --- streaming with tiny morsels (its own process: the knob is read once per process) ------------

_SMALL_MORSEL_ENV = dict.fromkeys(MORSEL_ENV_VARS, str(SMALL_MORSEL_ROWS))
_small_morsels = IsolatedCollector(_SMALL_MORSEL_ENV)


@cache  # starts the child process once
def _small_morsel_check() -> str | None:
    if reason := _needs_engine("streaming")():
        return reason
    if not hasattr(pl.LazyFrame, "serialize"):
        return f"Polars {POLARS_VERSION_STRING} cannot serialize plans for the child process"
    try:
        probe = _small_morsels.hello()
    except Exception as exc:
        return f"the small-morsel child process did not start: {type(exc).__name__}: {exc}"
    if probe["error"]:
        return f"the small-morsel probe failed: {probe['error']}"
    if probe["batches"] <= 2:
        return (
            f"Polars {POLARS_VERSION_STRING} ignores {' and '.join(MORSEL_ENV_VARS)}: "
            f"{probe['rows']} rows still streamed in {probe['batches']} morsel(s)"
        )
    return None


def _small_morsel_collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
    return _small_morsels.collect(lf, "streaming", variant, timeout_s)


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
    Lane(
        "streaming-small-morsels",
        "'streaming'",
        _small_morsel_check,
        _small_morsel_collect,
        env=_SMALL_MORSEL_ENV,
        self_timed=True,
    ),
    Lane(
        "gpu", "pl.GPUEngine(raise_on_fail=True)", _gpu_check, _gpu_collect, probe=GPU_TRANSLATION
    ),
)


def _output_lane(mode: OutputMode) -> Lane:
    return Lane(
        mode.name,
        "",
        mode.available,
        lambda lf, variant, timeout_s: mode.run(lf),
        output_mode=mode,
    )


LANES = ENGINE_LANES + tuple(_output_lane(mode) for mode in OUTPUT_MODES)
BASELINE_LANE = LANES[0]


def lane_names() -> list[str]:
    return [lane.name for lane in LANES]


def select_lanes(spec: Sequence[str] | None) -> list[Lane]:
    """Lanes for `--engines` (all of them when not given), validated against the registry."""
    if not spec:
        return list(LANES)
    by_name = {lane.name: lane for lane in LANES}
    chosen: list[Lane] = []
    for token in spec:
        name = token.strip()
        if name not in by_name:
            raise unknown_choice("engine", name, by_name)
        if by_name[name] not in chosen:
            chosen.append(by_name[name])
    return chosen
