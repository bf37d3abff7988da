"""Reproducers, written from a record alone, run standalone: exit 1 while a discrepancy exists, 0
once fixed, 2 when they cannot run; culprit passes are named."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from conformance.catalog import OPERATIONS
from conformance.engines.lanes import LANES, Lane
from conformance.engines.passes import BASELINE, NONE, Variant, discover_passes, variant_by_name
from conformance.judge.compare import ORDERED
from conformance.judge.harness import find_culprit, run_baseline
from conformance.run.reproduce_spec import reproduce_fields
from reports.hidden import hidden_signature
from reports.records import encode_frames
from reports.reproducer import frame_code, plan_reproducers, reproducer_for, write_reproducer
from tests.planted_polars import run_script

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
    return run_script(path, planted, timeout=120)


def _record(
    name: str,
    variant: Variant,
    frames: list[pl.DataFrame] | None = None,
    detail: str = "DataFrames are different (value mismatch for column 'v')",
) -> dict[str, object]:
    """A failing record of catalog operation `name` on streaming, as the run writes it."""
    op = OPS[name]
    return {
        "operation": name,
        "lane": STREAMING.name,
        "variant": variant.name,
        "outcome": "mismatch",
        "polars_version": pl.__version__,
        "detail": detail,
        "reproduce": reproduce_fields(op.source(), frames or [FRAME], STREAMING, variant, op.rules),
    }


def _reproducer(tmp_path: Path, name: str, variant: Variant) -> Path:
    return write_reproducer(tmp_path / "repro.py", _record(name, variant))


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


def _masked(series: pl.Series, keep: list[bool]) -> pl.Series:
    """Nulls over values that stay in the buffers, as the strategies draw them."""
    return pl.select(pl.when(pl.Series(keep)).then(series).alias(series.name)).to_series()


def test_frame_code_keeps_values_hidden_under_null_rows() -> None:
    """A null list or array row over values (which some Polars bugs count) is not what a literal
    None rebuilds: such a frame travels as IPC bytes, values under its nulls and all; nulls that
    hide nothing, and a slice's unreferenced values, stay literals."""
    keep = [True, False, True]
    lists = pl.Series("l", [[1, 2], [3, 9], []], dtype=pl.List(pl.Int64))
    arrays = pl.Series("a", [[1, 2], [3, 9], [4, 5]], dtype=pl.Array(pl.Int64, 2))
    namespace: dict[str, object] = {}
    exec("import base64, io\nimport polars as pl", namespace)
    nested = _masked(lists, keep).implode()  # one row of lists, the second hiding [3, 9]
    assert hidden_signature(nested) == ((-1, -1), (1, 2), (-1, -1))
    for series in (_masked(lists, keep), _masked(arrays, keep), nested):
        assert hidden_signature(series)[-2:] == ((1, 2), (-1, -1)), series.name
        code = frame_code(series.to_frame())
        assert code.startswith("pl.read_ipc("), series.name
        assert hidden_signature(eval(code, namespace).to_series()) == hidden_signature(series)
    plain = pl.DataFrame({"l": [[1, 2], None, []]}, schema={"l": pl.List(pl.Int64)})
    assert hidden_signature(plain["l"]) == ()
    assert not frame_code(plain).startswith("pl.read_ipc(")
    assert not frame_code(plain.slice(1)).startswith("pl.read_ipc(")  # past a dropped row


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
    unreplayable = _record("head", BASELINE)
    unreplayable["reproduce"]["inputs"] = [{"error": "InvalidOperationError: no"}]
    none = variant_by_name(NONE)
    plan = plan_reproducers([unreplayable, _record("head", none)], tmp_path)
    assert [k[:3] for k in plan] == [("head", "streaming", "none")]
    assert reproducer_for(unreplayable, plan) is None


def test_one_reproducer_per_distinct_failure_from_its_smallest_input(tmp_path: Path) -> None:
    none, first = variant_by_name(NONE), variant_by_name(f"-{discover_passes()[0]}")
    other = "DataFrames are different (columns mismatch)"
    records = [
        _record("head", BASELINE, [pl.concat([FRAME, FRAME])]),
        _record("head", BASELINE),  # the smaller input of the same finding
        _record("head", none),  # covered by the all-on reproducer of the same finding
        _record("head", first, detail=other),  # another finding: its own file
        _record("head", first),
        {**_record("head", none, detail=other), "known_issue": "registered"},
        _record("head", first, detail="DataFrames are different (dtypes mismatch)"),
    ]
    plan = plan_reproducers(records, tmp_path)
    stem = f"head--streaming--{first.name[1:]}"
    assert sorted(p.path.name for p in plan.values()) == sorted(
        ["head--streaming--all-on.py", f"{stem}.py", f"{stem}--2.py"]
    )
    assert reproducer_for(records[2], plan) == tmp_path / "head--streaming--all-on.py"
    assert reproducer_for(records[3], plan) == tmp_path / f"{stem}.py"
    assert reproducer_for(records[6], plan) == tmp_path / f"{stem}--2.py"
    assert reproducer_for(records[4], plan) == tmp_path / "head--streaming--all-on.py"
    assert reproducer_for(records[5], plan) is None  # the registry has its reproducer
    chosen = plan[next(k for k in plan if k[2] == BASELINE.name)].record
    assert chosen["reproduce"]["inputs"] == encode_frames([FRAME])


_BREAK_POLARS_TESTING = """
import sys
sys.modules["polars.testing"] = None  # importing it now raises ImportError
"""
_NO_COLLECT = """
import polars as pl
del pl.LazyFrame.collect
"""


@pytest.mark.parametrize("planted", [_BREAK_POLARS_TESTING, _NO_COLLECT])
def test_reproducer_that_cannot_run_exits_2(tmp_path: Path, planted: str) -> None:
    """A missing import or API is neither "still broken" nor "fixed"."""
    path = _reproducer(tmp_path, "sort_multi_key", BASELINE)
    proc = _run(path, _planted(tmp_path, planted))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "cannot run this reproducer" in proc.stdout


_SAME_ERROR_EVERYWHERE = """
import polars as pl
def collect(self, *args, **kwargs):
    raise pl.exceptions.ComputeError("planted rejection")
pl.LazyFrame.collect = collect
"""


def test_reproducer_where_both_sides_raise_the_same_class_is_not_a_discrepancy(
    tmp_path: Path,
) -> None:
    path = _reproducer(tmp_path, "sort_multi_key", BASELINE)
    proc = _run(path, _planted(tmp_path, _SAME_ERROR_EVERYWHERE))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "both raise the same error class" in proc.stdout


def test_a_code_script_body_is_written_verbatim_after_the_inputs(tmp_path: Path) -> None:
    """Properties judge their own relation between queries: the spec carries the whole body."""
    record = _record("head", BASELINE)
    record["operation"], record["outcome"] = "oracle.planted", "oracle-violation"
    record["reproduce"]["script"] = {
        "kind": "code",
        "body": "print(query(inputs[0].lazy()).collect().height)\nsys.exit(1)\n",
    }
    proc = _run(write_reproducer(tmp_path / "repro.py", record))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.strip() == str(OPS["head"].query(FRAME.lazy()).collect().height)
