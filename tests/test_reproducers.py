"""Reproducers run standalone and fail while a discrepancy exists; culprit passes are named."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from conformance.catalog import OPERATIONS
from conformance.compare import ORDERED
from conformance.harness import find_culprit, run_baseline
from conformance.lanes import LANES, Lane
from conformance.passes import BASELINE, NONE, Variant, discover_passes, variant_by_name
from reports.reproducer import frame_code, write_reproducer

OPS = {op.name: op for op in OPERATIONS}
STREAMING = next(lane for lane in LANES if lane.name == "streaming")

_PART = pl.DataFrame(
    {
        "k": [1, None, 0],
        "v": [1.5, float("nan"), -0.0],
        "x": ["ü", "", None],
    },
    schema={"k": pl.Int8, "v": pl.Float64, "x": pl.String},
)
FRAME = pl.concat([_PART, _PART.head(2)], rechunk=False)

# Plants a bug inside Polars for the reproducer's process only: the streaming engine drops a row.
_SITECUSTOMIZE = """
import polars as pl
_collect = pl.LazyFrame.collect
def collect(self, *args, **kwargs):
    out = _collect(self, *args, **kwargs)
    return out.head(-1) if kwargs.get("engine") == "streaming" else out
pl.LazyFrame.collect = collect
"""


def _run(path: Path, planted: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if planted is not None:
        env["PYTHONPATH"] = str(planted)
    return subprocess.run(
        [sys.executable, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _reproducer(tmp_path: Path, name: str, variant: Variant) -> Path:
    op = OPS[name]
    return write_reproducer(
        tmp_path / "repro.py",
        title="planted",
        query_code=op.source(),
        frames=[FRAME],
        lane=STREAMING,
        variant=variant,
        rules=op.rules,
    )


def _planted(tmp_path: Path, sitecustomize: str) -> Path:
    """A directory whose sitecustomize breaks Polars in the reproducer's process only."""
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "sitecustomize.py").write_text(sitecustomize)
    return planted


# One operation with a defined row order, one compared order-free (its script sorts rows itself).
@pytest.mark.parametrize("name", ["sort_multi_key", "unique_any"])
def test_reproducer_fails_while_the_discrepancy_exists_and_passes_once_fixed(
    tmp_path: Path, name: str
) -> None:
    assert OPS[name].rules.ordered == (name == "sort_multi_key")
    path = _reproducer(tmp_path, name, variant_by_name(f"-{discover_passes()[0]}"))
    text = path.read_text()
    assert "conformance" not in text.replace("polars-conformance", "")  # needs nothing but Polars
    assert "read_ipc" not in text  # these values are written as literals
    broken = _run(path, _planted(tmp_path, _SITECUSTOMIZE))
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "DataFrames are different" in broken.stdout
    fixed = _run(path)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "the discrepancy is fixed" in fixed.stdout


_PANIC_EVERYWHERE = """
import polars as pl
from polars.exceptions import PanicException
def collect(self, *args, **kwargs):
    raise PanicException("planted panic")
pl.LazyFrame.collect = collect
"""


def test_reproducer_of_a_panic_on_both_sides_fails(tmp_path: Path) -> None:
    """Engines that agree by both panicking still show the bug: the script exits 1."""
    path = _reproducer(tmp_path, "sort_multi_key", BASELINE)
    broken = _run(path, _planted(tmp_path, _PANIC_EVERYWHERE))
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "planted panic" in broken.stdout


def test_frame_code_rebuilds_values_dtypes_and_chunks() -> None:
    part = pl.DataFrame(
        {
            "t": [dt.datetime(2024, 3, 10, 2, 30), None],
            "d": [Decimal("1.25"), None],
            "l": [[1.5, None], []],
            "s": [{"a": 1, "b": "x"}, None],
            "e": ["b", None],
            "c": ["ü", ""],
            "f": [float("-inf"), float("nan")],
            "b": [b"\x00", None],
        },
        schema={
            "t": pl.Datetime("us", "America/New_York"),
            "d": pl.Decimal(10, 2),
            "l": pl.List(pl.Float32),
            "s": pl.Struct({"a": pl.Int64, "b": pl.String}),
            "e": pl.Enum(["a", "b"]),
            "c": pl.Categorical,
            "f": pl.Float64,
            "b": pl.Binary,
        },
    )
    frame = pl.concat([part, part.head(1)], rechunk=False)
    namespace: dict[str, object] = {}
    exec(
        "import datetime, io, base64, zoneinfo\nfrom decimal import Decimal\nfrom math import inf, nan\nimport polars as pl",
        namespace,
    )
    source = Path(__file__).parent.parent / "reports" / "reproducer.py"
    chunked_src = source.read_text().split("_CHUNKED = '''", 1)[1].split("'''", 1)[0]
    exec(chunked_src, namespace)
    rebuilt = eval(frame_code(frame), namespace)
    assert_frame_equal(rebuilt, frame, check_exact=True)
    assert [s.chunk_lengths() for s in rebuilt] == [s.chunk_lengths() for s in frame]


def test_frame_code_of_values_python_cannot_hold_falls_back_to_ipc() -> None:
    """A Duration beyond timedelta's range cannot be a literal; the frame still travels exactly."""
    days = 86_400_000  # milliseconds
    frame = pl.DataFrame(
        [pl.Series("d", [10**9 * days, None], dtype=pl.Int64).cast(pl.Duration("ms"))]
    )
    code = frame_code(frame)
    assert code.startswith("pl.read_ipc(")
    namespace: dict[str, object] = {}
    exec("import base64, io\nimport polars as pl", namespace)
    assert_frame_equal(eval(code, namespace), frame, check_exact=True)


def _planted_lane(corrupt_when: set[str]) -> Lane:
    """A lane that drops a row whenever every pass in `corrupt_when` is disabled."""

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        out = lf.collect(engine="in-memory", **variant.collect_kwargs())
        return out.head(-1) if corrupt_when <= set(variant.disabled) else out

    return Lane("planted", "'in-memory'", lambda: None, collect)


def _culprit(lane: Lane) -> tuple[str, ...] | None:
    op = OPS["sort_multi_key"]
    baseline = run_baseline(op.query, [FRAME], 60)
    return find_culprit(op.query, [FRAME], ORDERED, lane, variant_by_name(NONE), baseline)


def test_culprit_is_the_single_pass_that_flips_the_result() -> None:
    target = discover_passes()[-1]
    assert _culprit(_planted_lane({target})) == (target,)


def test_culprit_is_a_pair_when_no_single_pass_flips_it() -> None:
    first, *_, last = discover_passes()
    assert _culprit(_planted_lane({first, last})) == (first, last)


def test_no_culprit_when_the_engine_differs_with_every_pass_on() -> None:
    assert _culprit(_planted_lane(set())) is None


def test_failures_without_a_replayable_input_get_no_reproducer(tmp_path: Path) -> None:
    from reports.records import encode_frames
    from reports.reproducer import write_reproducers

    base = {"operation": "head", "lane": "streaming", "outcome": "mismatch"}
    records = [
        {
            **base,
            "variant": "all-on",
            "reproduce": {"inputs": [{"error": "InvalidOperationError: no"}]},
        },
        {**base, "variant": "none", "reproduce": {"inputs": encode_frames([FRAME])}},
    ]
    written = write_reproducers(records, tmp_path)
    assert list(written) == [("head", "streaming", "none")]
    assert written["head", "streaming", "none"].is_file()
