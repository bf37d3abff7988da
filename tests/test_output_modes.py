"""Planted bugs in each output mode: a broken way out of a query must be caught.

Each test breaks the Polars API behind one output mode (a sink that loses a row, batches that
arrive out of order, a background query that returns something else) and checks that the mode's
lane reports a mismatch, while the unbroken mode passes on the same input. The reproducer written
for an output-mode lane must run standalone.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from polars.exceptions import PanicException

from conformance.engines.lanes import LANES, Lane
from conformance.engines.passes import BASELINE
from conformance.judge.compare import ORDERED, UNORDERED, Rules
from conformance.judge.harness import check
from conformance.run.reproduce_spec import reproduce_fields
from conformance.version import at_least
from reports.outcomes import Outcome
from reports.reproducer import write_reproducer

LANES_BY_NAME = {lane.name: lane for lane in LANES if lane.output_mode}
FRAME = pl.DataFrame({"k": [3, 1, 2, 1, 3, 2, 1, 2, 3, 1, 2, 3, 1, 1, 2, 2, 3, 3], "v": range(18)})


def query(lf: pl.LazyFrame) -> pl.LazyFrame:
    return lf.filter(pl.col("v") >= 0).sort("v", descending=True)


def outcome(lane: Lane, rules: Rules = ORDERED) -> tuple[Outcome, str]:
    (cell,) = check(query, [FRAME], rules, lane, [BASELINE], timeout_s=60)
    return cell.outcome, cell.detail


def available(name: str) -> Lane:
    lane = LANES_BY_NAME[name]
    if reason := lane.unavailable_reason():
        pytest.skip(reason)
    return lane


def _drop_last_row_sink(fmt: str) -> Callable[..., None]:
    honest = getattr(pl.LazyFrame, f"sink_{fmt}")

    def sink(self: pl.LazyFrame, path: str, **kwargs: object) -> None:
        honest(self.collect().head(-1).lazy(), path, **kwargs)

    return sink


def _reversed_batches(self: pl.LazyFrame, function: Callable, chunk_size: int, **_: object) -> None:
    frame = self.collect()
    starts = list(range(0, frame.height, chunk_size))
    for start in reversed(starts):  # every row arrives, but the last batch first
        if function(frame.slice(start, chunk_size)):
            return


class _Background:
    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame

    def fetch_blocking(self) -> pl.DataFrame:
        return self.frame.with_columns(pl.col("v") + 1)


_original_collect = pl.LazyFrame.collect


def _background_collect(self: pl.LazyFrame, *args: object, **kwargs: object) -> object:
    if kwargs.pop("background", False):
        return _Background(_original_collect(self))
    return _original_collect(self, *args, **kwargs)  # type: ignore[arg-type]


async def _async_collect(self: pl.LazyFrame, **_: object) -> pl.DataFrame:
    return _original_collect(self).reverse()


def _collect_all_second_short(frames: list[pl.LazyFrame], **_: object) -> list[pl.DataFrame]:
    first, *rest = [_original_collect(lf) for lf in frames]
    return [first, *(r.head(-1) for r in rest)]


PLANTS: dict[str, tuple[object, str, object]] = {
    "collect_batches": (
        pl.LazyFrame,
        "collect_batches",
        lambda self, chunk_size, **_: iter([_original_collect(self).head(chunk_size)]),
    ),
    "sink_batches": (
        pl.LazyFrame,
        "sink_batches",
        lambda self, function, chunk_size, **_: function(_original_collect(self).tail(-1)),
    ),
    "sink_batches-early-stop": (pl.LazyFrame, "sink_batches", _reversed_batches),
    **{
        f"sink_{fmt}": (pl.LazyFrame, f"sink_{fmt}", _drop_last_row_sink(fmt))
        for fmt in ("parquet", "ipc", "csv", "ndjson")
    },
    "collect_all": (pl, "collect_all", _collect_all_second_short),
    "collect-background": (pl.LazyFrame, "collect", _background_collect),
    "collect_async": (pl.LazyFrame, "collect_async", _async_collect),
}


def test_every_output_mode_has_a_planted_bug() -> None:
    assert set(PLANTS) == set(LANES_BY_NAME)


@pytest.mark.parametrize("name", sorted(PLANTS))
def test_planted_output_mode_bug_is_a_mismatch(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    lane = available(name)
    assert outcome(lane) == (Outcome.PASS, "")
    owner, attribute, broken = PLANTS[name]
    monkeypatch.setattr(owner, attribute, broken)
    got, detail = outcome(lane)
    assert got is Outcome.MISMATCH, detail
    assert "expected (baseline)" in detail


def test_early_stop_returns_a_prefix_not_the_whole_result() -> None:
    lane = available("sink_batches-early-stop")
    (cell,) = check(query, [FRAME], ORDERED, lane, [BASELINE], timeout_s=60)
    assert cell.outcome is Outcome.PASS
    got = lane.collect(query(FRAME.lazy()), BASELINE, 60)
    assert 0 < got.height < FRAME.height  # it really stopped early


def test_early_stop_without_order_accepts_any_rows_of_the_result_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lane = available("sink_batches-early-stop")
    monkeypatch.setattr(pl.LazyFrame, "sink_batches", _reversed_batches)
    assert outcome(lane, UNORDERED)[0] is Outcome.PASS  # any rows will do where order is undefined
    monkeypatch.setattr(
        pl.LazyFrame,
        "sink_batches",
        lambda self, function, chunk_size, **_: function(
            _original_collect(self).head(2).with_columns(pl.col("v") - 100)
        ),
    )
    got, detail = outcome(lane, UNORDERED)
    assert got is Outcome.MISMATCH
    assert "rows not in the full result" in detail


def _collect_all_rows_swapped(frames: list[pl.LazyFrame], **_: object) -> list[pl.DataFrame]:
    """Rows moved between the two results: together they still hold every row twice."""
    first, second = [_original_collect(lf) for lf in frames]
    return [
        pl.concat([first.head(1), first.head(-1)]),
        pl.concat([second.tail(-1), second.tail(1)]),
    ]


def _collect_all_second_changed(frames: list[pl.LazyFrame], **_: object) -> list[pl.DataFrame]:
    first, second = [_original_collect(lf) for lf in frames]
    return [first, second.with_columns(pl.col("v") + (pl.int_range(pl.len()) == 0))]


@pytest.mark.parametrize("rules", [ORDERED, UNORDERED], ids=["ordered", "unordered"])
def test_collect_all_compares_each_result_with_the_baseline(
    rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    lane = available("collect_all")
    assert outcome(lane, rules) == (Outcome.PASS, "")
    monkeypatch.setattr(pl, "collect_all", _collect_all_second_changed)
    got, detail = outcome(lane, rules)
    assert got is Outcome.MISMATCH, detail
    assert "collect_all result 1 differs" in detail
    assert "collect_all result 0" not in detail
    # rows that moved between the results: only a comparison of each result on its own sees it
    monkeypatch.setattr(pl, "collect_all", _collect_all_rows_swapped)
    got, detail = outcome(lane, rules)
    assert got is Outcome.MISMATCH, detail
    assert "collect_all result 0 differs" in detail
    assert "collect_all result 1 differs" in detail


def test_a_format_that_cannot_hold_a_dtype_is_unsupported_not_a_finding() -> None:
    lane = available("sink_csv")
    frame = pl.DataFrame({"l": [[1], [2, 3]]})
    (cell,) = check(lambda lf: lf, [frame], ORDERED, lane, [BASELINE], timeout_s=60)
    assert cell.outcome is Outcome.UNSUPPORTED
    assert "csv cannot hold column(s) l (List(Int64))" in cell.detail


@pytest.mark.parametrize("name", ["collect_batches", "sink_batches"])
def test_a_scale_frame_is_unsupported_on_a_batch_lane_not_returned_in_thousands_of_batches(
    name: str,
) -> None:
    lane = available(name)
    assert lane.max_rows is not None
    big = pl.DataFrame({"a": range(lane.max_rows + 1)})
    (cell,) = check(lambda lf: lf, [big], ORDERED, lane, [BASELINE], timeout_s=60)
    assert cell.outcome is Outcome.UNSUPPORTED
    assert f"{name} takes inputs of at most {lane.max_rows} rows" in cell.detail
    # a small input whose result is past the cap: a self-join of one key
    keys = pl.DataFrame({"k": [0] * 200})
    (cell,) = check(lambda lf: lf.join(lf, on="k"), [keys], ORDERED, lane, [BASELINE], 60)
    assert cell.outcome is Outcome.UNSUPPORTED
    assert f"{name} takes results of at most {lane.max_rows} rows, not 40000" in cell.detail


@pytest.mark.parametrize(
    ("name", "rules"),
    [
        ("sink_parquet", ORDERED),
        ("collect_all", ORDERED),
        ("collect_all", UNORDERED),
        ("sink_batches-early-stop", ORDERED),
        ("sink_batches-early-stop", UNORDERED),
    ],
)
def test_output_mode_reproducer_runs_standalone(name: str, rules: Rules, tmp_path: Path) -> None:
    lane = available(name)
    query_code = "query = lambda lf: lf.sort('v', descending=True)"
    record = {
        "operation": f"{name} reproducer",
        "lane": lane.name,
        "variant": BASELINE.name,
        "outcome": "mismatch",
        "polars_version": pl.__version__,
        "detail": "planted",
        "reproduce": reproduce_fields(query_code, [FRAME], lane, BASELINE, rules),
    }
    script = write_reproducer(tmp_path / "repro.py", record)
    proc = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _hanging_collect_async() -> Lane:
    """The collect_async lane, except that it never answers within the time limit."""
    return Lane(
        "collect_async",
        "",
        lambda: None,
        lambda lf, variant, timeout_s: time.sleep(timeout_s + 1),  # type: ignore[func-returns-value]
        output_mode=LANES_BY_NAME["collect_async"].output_mode,
    )


def _plant_default_engine_panic(monkeypatch: pytest.MonkeyPatch) -> None:
    """collect() on the default engine, as output modes run it, panics; named engines do not."""
    honest = pl.LazyFrame.collect

    @functools.wraps(honest)  # the engines it accepts are read (and cached) from its signature
    def collect(self: pl.LazyFrame, *args: object, **kwargs: object) -> pl.DataFrame:
        if kwargs.get("engine") is None:
            raise PanicException("planted panic")
        return honest(self, *args, **kwargs)

    monkeypatch.setattr(pl.LazyFrame, "collect", collect)


def test_a_hang_hiding_a_panic_is_reported_as_the_panic(monkeypatch: pytest.MonkeyPatch) -> None:
    """collect_async never resolves when the query panics: its timeout must not hide the panic."""
    _plant_default_engine_panic(monkeypatch)
    (cell,) = check(query, [FRAME], ORDERED, _hanging_collect_async(), [BASELINE], timeout_s=0.5)
    assert cell.outcome is Outcome.PANIC, cell.detail
    assert "no result; collect() of the same query panics: planted panic" in cell.detail


def test_a_collect_async_hang_ends_once_a_plain_collect_panics(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The real collect_async lane does not wait out its time limit for a query that panics: it
    asks a plain collect() after ASYNC_PANIC_PROBE_S and reports the panic behind the hang."""
    import asyncio

    def never(self: pl.LazyFrame, *args: object, **kwargs: object) -> asyncio.Future:
        return asyncio.get_running_loop().create_future()  # as Polars' future after a panic

    _plant_default_engine_panic(monkeypatch)
    monkeypatch.setattr(pl.LazyFrame, "collect_async", never)
    started = time.monotonic()
    (cell,) = check(
        query, [FRAME], ORDERED, LANES_BY_NAME["collect_async"], [BASELINE], timeout_s=60.0
    )
    assert cell.outcome is Outcome.PANIC, cell.detail
    assert "no result; collect() of the same query panics: planted panic" in cell.detail
    assert time.monotonic() - started < 20.0  # not the 60 s time limit


def test_an_empty_result_hiding_a_panic_is_reported_as_the_panic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """collect_batches swallows a panic and hands out no batch: not a mismatch, the panic."""
    honest = pl.LazyFrame.collect

    @functools.wraps(honest)  # the engines it accepts are read from its signature
    def collect(self: pl.LazyFrame, *args: object, **kwargs: object) -> pl.DataFrame:
        if kwargs.get("engine") == "streaming":  # batches run there even where it is not default
            raise PanicException("planted panic")
        return honest(self, *args, **kwargs)

    monkeypatch.setattr(pl.LazyFrame, "collect", collect)
    mode = LANES_BY_NAME["collect_batches"].output_mode
    empty = Lane(
        "collect_batches",
        "",
        lambda: None,
        lambda lf, variant, timeout_s: FRAME.clear(),
        output_mode=mode,
    )
    (cell,) = check(query, [FRAME], ORDERED, empty, [BASELINE], timeout_s=5)
    assert cell.outcome is Outcome.PANIC, cell.detail
    assert cell.detail.startswith(
        "a result without the error; collect(engine='streaming') of the same query panics"
    )


def test_a_result_where_the_baseline_raised_hiding_a_panic_is_reported_as_the_panic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The baseline raises its own error; collect_batches swallows the streaming engine's panic
    and hands out a frame: not an error divergence, the panic."""
    honest = pl.LazyFrame.collect

    @functools.wraps(honest)
    def collect(self: pl.LazyFrame, *args: object, **kwargs: object) -> pl.DataFrame:
        if kwargs.get("engine") == "streaming":
            raise PanicException("planted panic")
        return honest(self, *args, **kwargs)

    monkeypatch.setattr(pl.LazyFrame, "collect", collect)
    mode = LANES_BY_NAME["collect_batches"].output_mode
    answers = Lane(
        "collect_batches", "", lambda: None, lambda lf, v, t: FRAME.clear(), output_mode=mode
    )

    def raising(lf: pl.LazyFrame) -> pl.LazyFrame:  # a strict cast every engine refuses
        return lf.select(pl.lit("x").cast(pl.Int64, strict=True))

    (cell,) = check(raising, [FRAME], ORDERED, answers, [BASELINE], timeout_s=5)
    assert cell.outcome is Outcome.PANIC, cell.detail
    assert cell.detail.startswith("a result where the baseline raised; collect(")


def test_a_plain_hang_stays_a_timeout() -> None:
    (cell,) = check(query, [FRAME], ORDERED, _hanging_collect_async(), [BASELINE], timeout_s=0.5)
    assert cell.outcome is Outcome.TIMEOUT, cell.detail


def test_an_early_stop_before_the_baseline_error_is_not_judged() -> None:
    """The first batch can arrive before the error the rest of the query raises."""

    def zip_unequal(left: pl.LazyFrame, right: pl.LazyFrame) -> pl.LazyFrame:
        return pl.concat([left, right], how="horizontal")  # heights differ: a ShapeError

    if not at_least(2):
        pytest.skip("Polars 1.x pads a horizontal concat of unequal heights instead of raising")
    frames = [pl.DataFrame({"x": range(30)}), pl.DataFrame({"y": range(29)})]
    early = available("sink_batches-early-stop")
    (cell,) = check(zip_unequal, frames, ORDERED, early, [BASELINE])
    assert cell.outcome is Outcome.UNSUPPORTED, cell.detail
    assert "a partial result may stop before it" in cell.detail
    (full,) = check(zip_unequal, frames, ORDERED, available("sink_batches"), [BASELINE])
    assert full.outcome is Outcome.CONSISTENT_ERROR, full.detail


def test_an_order_free_early_stop_matches_floats_within_a_declared_tolerance() -> None:
    """A mean's last bits may differ between the early stop and the full result; a row that
    differs beyond the tolerance, or in another column, is still not in the full result."""
    from conformance.engines.output_modes import prefix
    from conformance.judge.compare import Rules, Tolerance

    rules = Rules(ordered=False, tolerance=Tolerance(rel=1e-9, abs=0, reason="a mean"))
    full = pl.DataFrame({"k": ["a", "b", None], "mean": [1 / 3, 2.5, None]})
    noisy = pl.DataFrame({"k": ["b", "a"], "mean": [2.5, 1 / 3 * (1 + 1e-12)]})
    assert prefix(full, noisy, rules) is None
    assert prefix(full, noisy, Rules(ordered=False)) is not None  # exact rules: a difference
    beyond = pl.DataFrame({"k": ["a"], "mean": [1 / 3 * (1 + 1e-6)]})
    assert "rows not in the full result" in (prefix(full, beyond, rules) or "")
    other_key = pl.DataFrame({"k": ["c"], "mean": [2.5]})
    assert "rows not in the full result" in (prefix(full, other_key, rules) or "")


def test_an_order_free_early_stop_compares_values_python_cannot_hold() -> None:
    """A datetime past Python's year 9999 panics converting to Python: the early stop's rows are
    then compared as physical values, and a row not in the full result is still found."""
    from conformance.engines.output_modes import prefix

    far = pl.Series("t", [2**62, 0], dtype=pl.Datetime("us"))  # year 148108
    full = pl.DataFrame([far, pl.Series("k", [1, 2])])
    assert prefix(full, full.tail(1), UNORDERED) is None
    assert prefix(full, full.reverse(), UNORDERED) is None
    wrong = full.with_columns(pl.Series("k", [2, 1]))  # each row's key swapped
    assert "rows not in the full result" in (prefix(full, wrong.head(1), UNORDERED) or "")


def test_an_order_free_early_stop_counts_each_row_as_often_as_the_full_result_holds_it() -> None:
    """Rows are matched by count, natively first: a row the early stop returns more often than
    the full result holds it is not in it; -0.0 and 0.0, which hash apart, are still one value."""
    from conformance.engines.output_modes import prefix

    full = pl.DataFrame({"k": [1, 1, 2], "v": [0.0, 0.5, -0.0]})
    assert prefix(full, full.tail(2).reverse(), UNORDERED) is None
    twice = pl.DataFrame({"k": [2, 2], "v": [-0.0, -0.0]})
    assert "rows not in the full result" in (prefix(full, twice, UNORDERED) or "")
    signed = pl.DataFrame({"k": [1, 2], "v": [-0.0, 0.0]})
    assert prefix(full, signed, UNORDERED) is None
