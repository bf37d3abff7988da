"""The differential harness: run one input on the baseline and on every (lane, variant) cell.

The baseline is the in-memory engine with every pass on. Each cell's outcome is decided by the
operation's comparison rules; nothing here knows about pytest, records or reports. Besides the
baseline, three oracles judge (README, "Oracles"): the schema the query plans (`collect_schema()`)
must be every engine lane's result schema; on the baseline's own lane the query's eager twin and
its DuckDB twin are cells of their own (variants `eager` and `duckdb`); and where a cell and the
baseline disagree, the plain reference and DuckDB say which side is wrong (`Cell.verdict`).
"""

from __future__ import annotations

import inspect
import re
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import combinations
from typing import Any

import polars as pl
from polars.exceptions import PanicException

from conformance.engines.execute import Execution, execute, past_stop, time_left
from conformance.engines.isolated import (
    NotTransportable,
    QueryCrash,
    QueryTimeout,
    RemoteQueryError,
)
from conformance.engines.lanes import BASELINE_LANE, GpuFallback, Lane
from conformance.engines.output_modes import FormatCannotHold
from conformance.engines.passes import BASELINE, NONE, Variant, variant_by_name
from conformance.judge.compare import Rules, difference
from conformance.judge.duck import Refused, duckdb_missing, reference_frame, to_polars_schema
from conformance.judge.flags import Verdicts, lies_beside
from conformance.judge.reference import (
    DUCKDB_LABEL,
    NO_TWINS,
    PLAIN_LABEL,
    NoEagerTwin,
    Part,
    Twins,
    eager_frame,
    run_plain,
    verdict,
)
from conformance.judge.repeats import confirm
from conformance.judge.semantics import refused_error, refused_polars_error
from conformance.judge.serde import PREFIX as SERDE_PREFIX
from conformance.judge.serde import serde_cells
from conformance.run import reproduce_spec, watch
from reports.outcomes import Outcome

DEFAULT_TIMEOUT_S = 60.0
SELF_TIMED_GRACE_S = 5.0
# The watchdog's margin over a query's own limit: the thread-based limit answers first, gracefully.
WATCHDOG_MARGIN_S = 15.0
# More runs of the baseline that may show a query's other error, where it has two (`Referee.elided`)
RERUNS = 2
# At most this many of a query's parts run to witness an error (`Referee._raises_too`).
MAX_PARTS = 16

Query = Callable[..., pl.LazyFrame]
Comparison = Callable[[pl.DataFrame, pl.DataFrame, Rules], str | None]


@dataclass(frozen=True)
class Cell:
    """One checked cell: the lane and variant, what happened, and why."""

    lane: str
    variant: str
    outcome: Outcome
    detail: str
    duration_s: float
    notes: tuple[str, ...] = ()  # plan probes: e.g. potentially memory-intensive nodes
    verdict: str | None = None  # which side a reference says is wrong (`reference.verdict`)
    # how a reproducer replays this cell, where the differential script does not fit (a property)
    script: dict[str, Any] | None = field(default=None, compare=False)
    # False where a shrinking rerun, which runs the failing cells only, cannot show it again (a
    # plan probe's panic): recorded as found, like a timeout
    shrinkable: bool = True


@dataclass(frozen=True)
class ErrorInfo:
    type_name: str
    message: str

    @property
    def is_panic(self) -> bool:
        return self.type_name == "PanicException"

    def __str__(self) -> str:
        return f"{self.type_name}: {self.message}"

    def alike(self, other: ErrorInfo) -> bool:
        """One error: the same class and first line, the values it lists aside."""
        same_class = self.type_name == other.type_name
        return same_class and _LISTED.sub("#", self.message) == _LISTED.sub("#", other.message)


# The values a failed cast or parse lists (how many failed of how many, which ones, the first
# one's own message) depend on how an engine cut its input into chunks or morsels: "failed for 2
# out of 2 values: ["x", "y"]" on one engine is "for 1 out of 1 values: ["y"]" on another; so does
# the length of an argument that must be one value, evaluated over a morsel ("got 5") or the whole
# column ("got 8"); and so do the components of the first invalid time a row of an unordered
# input makes ("Invalid time components (55, 1, 0, 0)" on one engine, "(41, 1, 0, 0)" on the
# other). Nothing else is masked: a dtype or a length in another message tells one error from
# another.
_LISTED = re.compile(
    r"\d+ out of \d+ values: \[.*?\](?=;|$)"
    r"|\d+ value\(s\): \[.*?\](?=;|$)"
    r"|error message for the first shown value: '.*?'"
    r"|(?<=must produce exactly one element, got )\d+"
    r"|(?<=Invalid time components )\([-\d, ]*\)"
)


# An error's first line, up to this many characters: a panic's message prints the dtypes it met
# whole, and what tells one bug from another (a field's metadata) may come late in it.
ERROR_MESSAGE_CHARS = 2000


def error_info(exc: BaseException) -> ErrorInfo:
    name = exc.type_name if isinstance(exc, RemoteQueryError) else type(exc).__name__
    lines = str(exc).strip().splitlines()
    return ErrorInfo(name, lines[0][:ERROR_MESSAGE_CHARS] if lines else "")


def _raises_same(execution: Execution, error: ErrorInfo) -> bool:
    """Whether `execution` raised `error` (its class and first line), not a timeout."""
    return (
        execution.exception is not None
        and not execution.timed_out
        and error_info(execution.exception).alike(error)
    )


def run_cell(
    lane: Lane, variant: Variant, query: Query, frames: Sequence[pl.DataFrame], timeout_s: float
) -> Execution:
    """Build the query afresh (plans are never shared between cells) and run it on `lane`."""
    return run_on_lane(
        lane,
        variant,
        lambda: query(*lane.inputs(frames)),
        timeout_s,
        f"running on {lane.name}, {variant.name}",
        variant.name,
    )


def run_on_lane(
    lane: Lane,
    variant: Variant,
    plan: Callable[[], pl.LazyFrame],
    timeout_s: float,
    step: str,
    step_variant: str | None = None,
) -> Execution:
    """`plan()` collected on `lane` under `variant` as the watchdog's `step`, within the run's
    budget (`time_left`)."""
    limit_s = time_left(timeout_s)  # what the lane is given; execute() tells a cut from it
    # a self-timed lane reports its own timeout (and replaces its hung child); the grace lets
    # that report arrive before the thread is abandoned
    grace_s = SELF_TIMED_GRACE_S if lane.self_timed else 0.0
    watch.step(step, limit_s + grace_s + WATCHDOG_MARGIN_S, step_variant)
    return execute(lambda: lane.collect(plan(), variant, limit_s), timeout_s, grace_s)


def classify(
    baseline: Execution,
    got: Execution,
    rules: Rules,
    compare: Comparison = difference,
    limit_s: float = DEFAULT_TIMEOUT_S,
) -> tuple[Outcome, str]:
    """Decide one cell's outcome against the baseline, with a readable explanation.

    `compare` is the lane's comparison: an output mode may legitimately return a different shape
    (an early stop returns a prefix). Comparing is under the watchdog's `limit_s` like a query.
    """
    if got.cut:
        return Outcome.CUT, f"the run's budget ended {got.duration_s:.1f}s into the cell"
    if got.timed_out or isinstance(got.exception, QueryTimeout):
        return Outcome.TIMEOUT, f"no result within {got.duration_s:.1f}s"
    if isinstance(got.exception, QueryCrash):
        return Outcome.CRASH, "the process running the query died"
    if isinstance(got.exception, GpuFallback):
        return Outcome.FALLBACK, str(got.exception).strip()[:2000]
    if isinstance(got.exception, NotTransportable | FormatCannotHold):
        return Outcome.UNSUPPORTED, str(got.exception)
    expected_err = error_info(baseline.exception) if baseline.exception else None
    got_err = error_info(got.exception) if got.exception else None
    if got_err and got_err.is_panic:
        return Outcome.PANIC, f"panicked: {got_err.message}"
    if expected_err and expected_err.is_panic:
        return Outcome.PANIC, f"the baseline panicked: {expected_err.message}"
    if expected_err and got_err:
        if expected_err.type_name == got_err.type_name:
            return Outcome.CONSISTENT_ERROR, str(got_err)
        return (
            Outcome.ERROR_DIVERGENCE,
            f"baseline raised {expected_err}; this cell raised {got_err}",
        )
    if expected_err:
        return (
            Outcome.ERROR_DIVERGENCE,
            f"baseline raised {expected_err}; this cell returned a frame",
        )
    if got_err:
        return Outcome.ERROR_DIVERGENCE, f"baseline returned a frame; this cell raised {got_err}"
    assert baseline.frame is not None
    assert got.frame is not None
    watch.step("comparing with the baseline", limit_s)
    try:
        diff = compare(baseline.frame, got.frame, rules)
        verdicts = _baseline_verdicts(baseline.frame)
        same = diff is None and compare is difference and rules.ordered and not rules.tolerance
        lies = [f"baseline: {lie}" for lie in verdicts.lies()]
        lies += [f"this cell: {lie}" for lie in lies_beside(got.frame, verdicts, same)]
    except (Exception, PanicException) as exc:  # comparing must never stop the run either
        err = error_info(exc)
        outcome = Outcome.PANIC if err.is_panic else Outcome.ERROR_DIVERGENCE
        return outcome, f"comparing the two results raised {err}"
    if lies:  # a lying sorted flag misleads every later query, even where this result matches
        also = f"\nthe results also differ:\n{diff}" if diff else ""
        return Outcome.UNTRUTHFUL_FLAG, "\n".join(lies) + also
    if diff is None:
        return Outcome.PASS, ""
    return Outcome.MISMATCH, (
        f"{diff}\n--- expected (baseline) ---\n{baseline.frame}\n--- got ---\n{got.frame}"
    )


_VERDICTS: list[Verdicts] = []  # the last baseline frame's


def _baseline_verdicts(frame: pl.DataFrame) -> Verdicts:
    """How the baseline's columns are sorted, each checked once per input: every cell of an input
    is compared with the same baseline frame, so the last one is remembered (by identity)."""
    if not _VERDICTS or _VERDICTS[0].frame is not frame:
        _VERDICTS[:] = [Verdicts(frame)]
    return _VERDICTS[0]


def lane_comparison(lane: Lane) -> Comparison:
    return lane.output_mode.compare if lane.output_mode else difference


def lane_variants(lane: Lane, variants: Sequence[Variant]) -> list[Variant]:
    """An output mode tests the way results come out, not the optimizer: every pass on only."""
    return [BASELINE] if lane.output_mode else list(variants)


def _height(execution: Execution) -> int:
    return execution.frame.height if execution.frame is not None else 0


def run_baseline(query: Query, frames: Sequence[pl.DataFrame], timeout_s: float) -> Execution:
    return run_cell(BASELINE_LANE, BASELINE, query, frames, timeout_s)


def check(
    query: Query,
    frames: Sequence[pl.DataFrame],
    rules: Rules,
    lane: Lane,
    variants: Sequence[Variant],
    timeout_s: float = DEFAULT_TIMEOUT_S,
    baseline: Execution | None = None,
    twins: Twins = NO_TWINS,
    shared: Shared | None = None,
    focus: Collection[str] | None = None,
    references: bool = True,
) -> list[Cell]:
    """Every variant of `lane` on one input, each compared with the baseline and the planned
    schema; on the baseline's lane also (with `references`) the query's eager and DuckDB twins
    (from `twins`) and its serialization round trips.

    `shared` carries what every lane of one input has in common (`check_lanes`). With `focus`,
    only the variants and twins it names run."""
    watch.lane(lane.name)
    if focus is not None:
        variants = [v for v in variants if v.name in focus]
    if baseline is None:
        baseline = run_baseline(query, frames, timeout_s)
    if baseline.timed_out or baseline.cut:  # nothing to compare with: no time limit per variant
        outcome, detail = (
            (Outcome.CUT, "the run's budget ended while the baseline ran")
            if baseline.cut
            else (Outcome.TIMEOUT, "the baseline (in-memory, all-on) timed out")
        )
        return [Cell(lane.name, v.name, outcome, detail, 0.0) for v in variants]
    baseline_error = error_info(baseline.exception) if baseline.exception else None
    if lane.output_mode and baseline_error and baseline_error.is_panic:
        # The cell would be a panic whatever it returned, and running it can take the suite down:
        # collect(background=True) aborts the process on a panic, collect_async never resolves.
        return [
            Cell(
                lane.name,
                v.name,
                Outcome.PANIC,
                f"the baseline panicked: {baseline_error.message}",
                0.0,
            )
            for v in variants
        ]
    if (
        lane.max_rows is not None
        and max((f.height for f in frames), default=0) <= lane.max_rows  # else `Lane.inputs` says
        and (rows := _height(baseline)) > lane.max_rows
    ):
        # a lane capped by input rows (`Lane.inputs`) is capped by the result's too: a join that
        # multiplies 20,000 rows to millions costs the lane as much (778,000 batches of 7 rows)
        detail = f"{lane.name} takes results of at most {lane.max_rows} rows, not {rows}"
        return [Cell(lane.name, v.name, Outcome.UNSUPPORTED, detail, 0.0) for v in variants]
    # an output mode returns the result reshaped (collect_all stacks two): compared with the
    # baseline, whose schema is checked on the engine lanes (below)
    if shared is None:
        shared = Shared(Referee(query, frames, rules, twins, baseline, timeout_s))
    referee = shared.referee
    cells = []
    for variant in variants:
        if past_stop():
            return cells
        got = run_cell(lane, variant, query, frames, timeout_s)
        outcome, detail = classify(baseline, got, rules, lane_comparison(lane), timeout_s)
        hiding = HIDING_OUTCOMES.get(outcome)
        if outcome is Outcome.ERROR_DIVERGENCE and got.exception is None:
            hiding = "a result where the baseline raised"
        if lane.output_mode and hiding:
            hidden = hidden_panic(query, frames, variant, timeout_s)
            if hidden is not None:
                outcome, detail = Outcome.PANIC, f"{hiding}; {hidden}"
        if (
            lane.output_mode
            and lane.output_mode.partial
            and baseline_error
            and got.exception is None
        ):
            outcome = Outcome.UNSUPPORTED
            detail = f"the baseline raised {baseline_error}; a partial result may stop before it"
        if outcome is Outcome.ERROR_DIVERGENCE and (elided := referee.elided(lane, variant, got)):
            outcome, detail = Outcome.ELIDED_ERROR, elided
        if lane.repeat > 1:  # a nondeterministic lane: a failure must show again to be reported
            outcome, detail = confirm(
                outcome,
                detail,
                lane.repeat,
                lambda v=variant: classify(
                    baseline,
                    run_cell(lane, v, query, frames, timeout_s),
                    rules,
                    lane_comparison(lane),
                    timeout_s,
                )[0],
            )
        cell = Cell(lane.name, variant.name, outcome, detail, got.duration_s)
        if (
            not lane.output_mode
            and got.frame is not None
            and rules.check_dtypes
            and (planned := shared.planned) is not None
        ):
            cell = _with_planned_schema(cell, planned, got.frame.schema, rules, lane, variant)
        if cell.outcome in JUDGED:
            cell = replace(cell, verdict=referee.verdict(got, lane_comparison(lane)))
        cells.append(cell)
    if (
        references
        and lane is BASELINE_LANE
        and not (baseline_error and baseline_error.is_panic)
        and not past_stop()
    ):
        cells += twin_cells(referee, focus)
    return cells


class Shared:
    """What every lane's cells of one input share: the references, and the planned schema (each
    computed at most once, and only when a cell needs it)."""

    def __init__(self, referee: Referee) -> None:
        self.referee = referee

    @cached_property
    def planned(self) -> pl.Schema | None:
        referee = self.referee
        return planned_schema(referee.query, referee.frames, referee.timeout_s)


def check_lanes(
    query: Query,
    frames: Sequence[pl.DataFrame],
    rules: Rules,
    lanes: Sequence[Lane],
    variants: Sequence[Variant],
    timeout_s: float = DEFAULT_TIMEOUT_S,
    twins: Twins = NO_TWINS,
    focus: Mapping[str, Collection[str]] | None = None,
) -> list[Cell]:
    """One input on every lane: the baseline, the planned schema and the references once, then
    each lane's variants against them (`check`) and each lane's plan probe (`probe_plans`).

    Breadth first: every lane's first variant (all passes on) and the references, then each
    lane's other variants, so an example that stops starting cells early (`stop_at`: an input
    that is slow on every lane) has covered the most lanes. A lane that cannot run here still has
    its plans read where its probe can. With `focus` (lane -> variants: what a failure being
    shrunk needs), only those cells run, and no probe.
    """
    if focus is not None:
        lanes = [lane for lane in lanes if lane.name in focus]
    runnable = [lane for lane in lanes if lane.unavailable_reason() is None]
    shared = None
    if runnable and not past_stop():
        baseline = run_baseline(query, frames, timeout_s)
        shared = Shared(Referee(query, frames, rules, twins, baseline, timeout_s))
    cells: list[Cell] = []
    for first in (True, False):
        for lane in lanes:
            lane_vars = lane_variants(lane, variants)
            batch = lane_vars[:1] if first else lane_vars[1:]
            if past_stop():
                return cells
            if not batch:
                continue
            plans = [] if focus else probe_plans(query, frames, lane, batch, timeout_s)
            if shared is not None and lane in runnable:
                cells += check(
                    query,
                    frames,
                    rules,
                    lane,
                    batch,
                    timeout_s,
                    shared.referee.baseline,
                    twins,
                    shared,
                    focus[lane.name] if focus else None,
                    references=first,
                )
            cells += plans
    return cells


_LITERALS = re.compile(
    r'"(?:[^"\\]|\\.)*"|\b\d+(?:\.\d+)?(?:e[-+]?\d+)?\b|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}'
)


def plan_shape(query: Query, frames: Sequence[pl.DataFrame], timeout_s: float) -> str | None:
    """The query's optimized plan on these inputs with its literals (numbers, strings, run ids)
    masked: what tells a new plan from one seen before. None where planning raises."""
    watch.step("reading the optimized plan", timeout_s + WATCHDOG_MARGIN_S)
    box: list[str] = []

    def plan() -> pl.DataFrame:
        box.append(query(*(f.lazy() for f in frames)).explain(**_IN_MEMORY))
        return pl.DataFrame()

    run = execute(plan, timeout_s)
    if run.exception is not None or run.timed_out or not box:
        return None
    return _LITERALS.sub("?", box[0])


# Plans are read for the in-memory engine, the baseline's (on 2.x `engine="auto"` is streaming).
_IN_MEMORY = (
    {"engine": "in-memory"}
    if "engine" in inspect.signature(pl.LazyFrame.explain).parameters
    else {}
)


# Where a cell and the baseline disagree, the references say which side is wrong.
JUDGED = frozenset({Outcome.MISMATCH, Outcome.ERROR_DIVERGENCE})
# The baseline lane's extra cells: variants that are other evaluators of the same query.
EAGER = "eager"
DUCKDB = "duckdb"


def planned_schema(
    query: Query, frames: Sequence[pl.DataFrame], timeout_s: float
) -> pl.Schema | None:
    """The schema the query plans (`collect_schema()`); None where planning raises: that is the
    cells' own error to show, not a schema finding."""
    watch.step("planning the schema", timeout_s + WATCHDOG_MARGIN_S)
    planned = execute(
        lambda: pl.DataFrame(schema=query(*(f.lazy() for f in frames)).collect_schema()),
        timeout_s,
    )
    return planned.frame.schema if planned.frame is not None else None


def schema_difference(planned: pl.Schema, got: pl.Schema, rules: Rules) -> str | None:
    """How a result's schema differs from the planned one (names, order, dtypes), or None."""
    want, have = list(planned.items()), list(got.items())
    if not rules.check_column_order:
        want, have = sorted(want, key=lambda kv: kv[0]), sorted(have, key=lambda kv: kv[0])
    if want == have:
        return None
    # the first line names the kind of difference (dtype classes), the second its particulars:
    # reports group findings by the first line
    head = "the result's schema is not the planned one (collect_schema())"
    if [n for n, _ in want] != [n for n, _ in have]:
        return (
            f"{head}: the column names differ\n"
            f"columns {[n for n, _ in have]}, planned {[n for n, _ in want]}"
        )
    name, planned_dtype, dtype = next(
        (n, p, d) for (n, p), (_, d) in zip(want, have, strict=True) if p != d
    )
    kinds = f"{dtype.base_type().__name__}, planned {planned_dtype.base_type().__name__}"
    return f"{head}: column {name!r} is {kinds}\ncolumn {name!r}: {dtype}, planned {planned_dtype}"


def _with_planned_schema(
    cell: Cell, planned: pl.Schema, got: pl.Schema, rules: Rules, lane: Lane, variant: Variant
) -> Cell:
    """A cell that agrees with the baseline but not with the plan is a `schema-mismatch`; one that
    differs from the baseline stays a mismatch, its detail saying the schema differs too."""
    diff = schema_difference(planned, got, rules)
    if diff is None:
        return cell
    if cell.outcome is Outcome.PASS:
        script = reproduce_spec.schema_script(lane, variant, rules)
        return replace(cell, outcome=Outcome.SCHEMA_MISMATCH, detail=diff, script=script)
    if cell.outcome is Outcome.MISMATCH:
        return replace(cell, detail=f"{cell.detail}\n{diff}")
    return cell


class Referee:
    """The references of one input, each run at most once, and only when a cell needs one."""

    def __init__(
        self,
        query: Query,
        frames: Sequence[pl.DataFrame],
        rules: Rules,
        twins: Twins,
        baseline: Execution,
        timeout_s: float,
    ) -> None:
        self.query, self.frames, self.rules, self.twins = query, frames, rules, twins
        self.baseline, self.timeout_s = baseline, timeout_s
        self._in_memory: dict[str, Execution] = {}  # variant -> the in-memory engine's answer
        self._rerun: list[Execution] | None = None  # the baseline run again (`_reruns`)
        self._parts: dict[str, Execution] = {}  # part's code -> its answer (`_part`)

    @cached_property
    def plain(self) -> Execution:
        watch.step("running the plain reference", self.timeout_s + WATCHDOG_MARGIN_S)
        return run_plain(self.query, self.frames, self.timeout_s)

    @cached_property
    def duckdb(self) -> Execution | None:
        """DuckDB's raw answer, or None where there is no SQL twin or DuckDB cannot take it."""
        if self.twins.sql is None or duckdb_missing() is not None:
            return None
        sql = self.twins.sql
        watch.step("running the DuckDB twin", self.timeout_s + WATCHDOG_MARGIN_S, "duckdb")
        return execute(lambda: reference_frame(sql, self.frames), self.timeout_s)

    def elided(self, lane: Lane, variant: Variant, got: Execution) -> str | None:
        """Why a cell whose error differs from the baseline's is no discrepancy, if it is none.

        Polars may skip work whose result a query never needs, and a skipped step raises nothing;
        which work each set of passes skips is no matter. And a query with two errors may raise
        either: which one surfaces first is not specified (the in-memory engine evaluates a
        projection's windows in a randomly seeded order). Errors are alike in class and first
        line, the values it lists aside (`ErrorInfo.alike`). So:
        - the baseline raised one error and the cell another: no discrepancy where the in-memory
          engine raises the cell's error too (under the cell's variant, where the cell is not that
          engine itself; with every pass off; on one of `RERUNS` more runs of the baseline; or,
          every pass off, on one of the query's parts alone, `Twins.parts`: where it always meets
          one expression's error first, another expression alone shows the other is as real),
          and the unoptimized query raises one of the two;
        - the baseline returned a frame and the cell raises what the in-memory engine raises
          under the cell's variant: the baseline's passes pruned the work that raises (as
          projection pushdown drops an unused column's failing cast);
        - the baseline raised and the cell returns what the in-memory engine returns under the
          cell's variant (on the in-memory lane, where the cell is that answer: an empty frame,
          the plan its passes emptied), while the unoptimized query (the plain reference) raises
          the baseline's error: the cell's passes pruned it.
        Anything else stays an `error-divergence`: an engine that answers otherwise, an all-on
        cell that raises where the baseline answers or answers where it raises, and a pass that
        adds an error (the plain reference does not raise it)."""
        if got.exception is not None and self.baseline.exception is not None:
            return self._two_errors(lane, variant, got)
        if variant.is_baseline:
            return None
        own = lane is BASELINE_LANE  # the cell is the in-memory engine with its passes off
        reference = self._reference(variant, got if own else None)
        if reference.timed_out:
            return None
        if got.exception is None:  # the baseline raised: did the cell's passes prune its error?
            if reference.exception is not None or self.baseline.exception is None:
                return None
            if own and (got.frame is None or got.frame.height > 0):
                return None
            outcome, _ = classify(reference, got, self.rules, lane_comparison(lane), self.timeout_s)
            expected = error_info(self.baseline.exception)
            if outcome is not Outcome.PASS or not _raises_same(self.plain, expected):
                return None
            return (
                f"baseline raised {expected}; this cell returned a frame\n"
                f"in memory with {variant.name} the query returns that frame, and with every "
                "pass off it raises the baseline's error: the cell's passes pruned the work "
                "that raises"
            )
        if reference.exception is None:
            return None
        raised, expected = error_info(got.exception), error_info(reference.exception)
        if raised.is_panic or not raised.alike(expected):
            return None
        return (
            f"baseline returned a frame; this cell raised {raised}\n"
            f"in memory with {variant.name} the query raises the same error: the baseline's "
            "passes pruned the work that raises"
        )

    def _reference(self, variant: Variant, own: Execution | None = None) -> Execution:
        """The in-memory engine's answer under `variant`; `own` where the cell is that answer
        (the baseline's lane, with its passes off)."""
        if own is not None:
            self._in_memory.setdefault(variant.name, own)
        if variant.name not in self._in_memory:
            self._in_memory[variant.name] = run_cell(
                BASELINE_LANE, variant, self.query, self.frames, self.timeout_s
            )
        return self._in_memory[variant.name]

    def _two_errors(self, lane: Lane, variant: Variant, got: Execution) -> str | None:
        """The baseline and the cell raised different errors: elided where both are the
        query's own (see `elided`)."""
        assert got.exception is not None
        assert self.baseline.exception is not None
        raised, expected = error_info(got.exception), error_info(self.baseline.exception)
        if not (_raises_same(self.plain, raised) or _raises_same(self.plain, expected)):
            return None  # the unoptimized query raises neither: a pass added one
        where = self._raises_too(lane, variant, raised)
        if where is None:
            return None
        return (
            f"baseline raised {expected}; this cell raised {raised}\n"
            "the query has two errors, and which one surfaces first is not specified: it raises "
            f"the cell's error in memory too, {where}"
        )

    def _raises_too(self, lane: Lane, variant: Variant, error: ErrorInfo) -> str | None:
        """Where the in-memory engine, other than the cell itself, raises `error` on this query
        too, if it does (see `elided`)."""
        # on the in-memory lane the engine under the cell's variant is the cell: no witness
        independent = lane is not BASELINE_LANE and not variant.is_baseline
        if independent and _raises_same(self._reference(variant), error):
            return f"with {variant.name}"
        if _raises_same(self.plain, error):
            return "with every pass off"
        for attempt, again in enumerate(self._reruns(lane), start=2):
            if _raises_same(again, error):
                return f"every pass on, on run {attempt}"
        # the last steps' parts first: a projection's expressions, a join's other side
        for part in self.twins.parts[::-1][:MAX_PARTS]:
            if _raises_same(self._part(part, lane), error):
                return f"with every pass off, on this part of it:\n{part.code}"
        return None

    def _part(self, part: Part, lane: Lane) -> Execution:
        """The in-memory engine's answer on one of the query's parts, every pass off (made once
        per input, announced on the baseline's lane as a step of its own: a death in it is no
        cell's, and its reproducer is not the whole query's)."""
        if part.code not in self._parts:
            watch.lane(BASELINE_LANE.name)
            self._parts[part.code] = run_on_lane(
                BASELINE_LANE,
                variant_by_name(NONE),
                lambda: part.query(*BASELINE_LANE.inputs(self.frames)),
                self.timeout_s,
                f"running a part of the query alone: {part.code}",
            )
            watch.lane(lane.name)
        return self._parts[part.code]

    def _reruns(self, lane: Lane) -> list[Execution]:
        """`RERUNS` more runs of the baseline, made once per input (announced on the baseline's
        lane: a death in one is not the cell's lane's)."""
        if self._rerun is None:
            watch.lane(BASELINE_LANE.name)
            self._rerun = [
                run_baseline(self.query, self.frames, self.timeout_s) for _ in range(RERUNS)
            ]
            watch.lane(lane.name)
        return self._rerun

    def verdict(self, got: Execution, compare: Comparison) -> str | None:
        """Which of the baseline and `got` (compared as the lane compares) the references side with."""
        opinions = [
            (
                PLAIN_LABEL,
                self.agrees(self.plain, self.baseline),
                self.agrees(self.plain, got, compare),
            )
        ]
        duck = self.duckdb
        if duck is not None and not isinstance(duck.exception, Refused) and not duck.timed_out:
            opinions.append(
                (
                    DUCKDB_LABEL,
                    self.agrees(duck, self.baseline, cross=True),
                    self.agrees(duck, got, compare, cross=True),
                )
            )
        return verdict(opinions)

    def agrees(
        self,
        reference: Execution,
        other: Execution,
        compare: Comparison = difference,
        cross: bool = False,
    ) -> bool:
        """Whether `other` gives the reference's answer: the same frame, or an error (of the same
        class, unless the reference is another system, whose error classes are its own)."""
        if reference.timed_out or other.timed_out:
            return False
        if reference.exception is not None or other.exception is not None:
            if reference.exception is None or other.exception is None:
                return False
            same = (
                error_info(reference.exception).type_name == error_info(other.exception).type_name
            )
            return cross or same
        assert reference.frame is not None
        assert other.frame is not None
        try:
            frame = to_polars_schema(reference.frame, other.frame) if cross else reference.frame
            return compare(frame, other.frame, self.rules) is None
        except (Exception, PanicException):  # a DuckDB answer that does not even cast: disagrees
            return False


def twin_cells(referee: Referee, only: Collection[str] | None = None) -> list[Cell]:
    """The eager and DuckDB twins of the query, and its plan's serialization round trip in each
    format (`conformance.judge.serde`), each a cell of the baseline's lane; with `only`, the
    twins of those variants alone (the serialization round trips together)."""

    def wanted(variant: str) -> bool:
        return only is None or variant in only

    cells = []
    if (
        referee.twins.eager is not None
        and wanted(EAGER)
        and (eager := _eager_cell(referee)) is not None
    ):
        cells.append(eager)
    if referee.twins.sql is not None and wanted(DUCKDB):
        cells.append(_duckdb_cell(referee))
    if only is None or any(v.startswith(SERDE_PREFIX) for v in only):
        cells += serde_cells(referee)
    return cells


def _eager_cell(referee: Referee) -> Cell | None:
    """The eager twin against the lazy baseline; None where the query's code is lazy-only."""
    twins, frames = referee.twins, referee.frames
    watch.step("running the eager twin", referee.timeout_s + WATCHDOG_MARGIN_S, "eager")
    got = execute(lambda: eager_frame(twins, frames), referee.timeout_s)
    if isinstance(got.exception, NoEagerTwin):
        return None
    outcome, detail = classify(referee.baseline, got, referee.rules, difference, referee.timeout_s)
    cell = Cell(BASELINE_LANE.name, EAGER, outcome, detail, got.duration_s)
    if outcome.is_failure:
        script = reproduce_spec.eager_script(twins, referee.rules)
        cell = replace(cell, script=script)
    if outcome in JUDGED:
        cell = replace(cell, verdict=referee.verdict(got, difference))
    return cell


def _duckdb_cell(referee: Referee) -> Cell:
    """DuckDB's answer against the baseline's, compared in Polars' dtypes."""
    sql, baseline, rules = referee.twins.sql, referee.baseline, referee.rules
    assert sql is not None
    if missing := duckdb_missing():
        return Cell(BASELINE_LANE.name, DUCKDB, Outcome.UNSUPPORTED, missing, 0.0)
    duck = referee.duckdb
    assert duck is not None
    outcome, detail = _duckdb_outcome(duck, baseline, rules)
    cell = Cell(BASELINE_LANE.name, DUCKDB, outcome, detail, duck.duration_s)
    if outcome.is_failure:
        cell = replace(cell, script=reproduce_spec.duckdb_script(sql, referee.frames, rules))
    if outcome in JUDGED:  # DuckDB is the independent reference: Polars' answer is the suspect
        plain = referee.plain
        with_baseline = referee.agrees(plain, baseline)
        with_duckdb = referee.agrees(duck, plain, cross=True)
        said = (
            "agrees with DuckDB"
            if with_duckdb
            else "agrees with the baseline: every Polars run shares it"
            if with_baseline
            else "agrees with neither"
        )
        cell = replace(cell, verdict=f"baseline wrong: {PLAIN_LABEL} {said}")
    return cell


def _duckdb_outcome(duck: Execution, baseline: Execution, rules: Rules) -> tuple[Outcome, str]:
    if duck.cut:
        return Outcome.CUT, f"the run's budget ended {duck.duration_s:.1f}s into DuckDB's run"
    if duck.timed_out:
        return Outcome.TIMEOUT, f"DuckDB gave no result within {duck.duration_s:.1f}s"
    if isinstance(duck.exception, Refused):
        return Outcome.UNSUPPORTED, str(duck.exception)
    expected_err = error_info(baseline.exception) if baseline.exception else None
    got_err = error_info(duck.exception) if duck.exception else None
    if expected_err and got_err:
        return Outcome.CONSISTENT_ERROR, f"baseline raised {expected_err}; DuckDB raised {got_err}"
    if expected_err:
        if row := refused_polars_error(expected_err.message):
            return (
                Outcome.UNSUPPORTED,
                f"{row.topic}: {row.reason} (baseline raised {expected_err})",
            )
        return Outcome.ERROR_DIVERGENCE, f"baseline raised {expected_err}; DuckDB returned a frame"
    if got_err:
        return Outcome.ERROR_DIVERGENCE, f"baseline returned a frame; DuckDB raised {got_err}"
    assert baseline.frame is not None
    assert duck.frame is not None
    try:
        got = to_polars_schema(duck.frame, baseline.frame)
    except (Exception, AssertionError) as exc:
        if row := refused_error(str(exc)):
            return Outcome.UNSUPPORTED, f"{row.topic}: {row.reason} ({exc})"
        return Outcome.MISMATCH, f"DuckDB's result does not fit Polars' schema: {exc}"
    try:
        diff = difference(baseline.frame, got, rules)
    except (Exception, PanicException) as exc:  # Polars on DuckDB's Arrow: it must not stop the run
        err = error_info(exc)
        outcome = Outcome.PANIC if err.is_panic else Outcome.ERROR_DIVERGENCE
        return outcome, f"comparing DuckDB's result with the baseline raised {err}"
    if diff is None:
        return Outcome.PASS, ""
    return Outcome.MISMATCH, (
        f"{diff}\n--- expected (baseline) ---\n{baseline.frame}\n--- got (DuckDB) ---\n{got}"
    )


# How an output mode can hide a panic of the query (known_issues/collect_async_hangs_on_panic.py,
# known_issues/collect_batches_swallows_panic.py), and how the cell's detail then says so.
HIDING_OUTCOMES = {
    Outcome.TIMEOUT: "no result",
    Outcome.MISMATCH: "a result without the error",
}


def hidden_panic(
    query: Query, frames: Sequence[pl.DataFrame], variant: Variant, timeout_s: float
) -> str | None:
    """The panic behind an output mode's hang or short result, or None.

    A plain `collect()` of the same query tells: on the default engine, then on the streaming
    engine, which batches and sinks use even where the default is in-memory (1.x).
    """
    # (a release without `engine=` raises TypeError for the second: not a panic, so no answer)
    for engine in ({}, {"engine": "streaming"}):
        watch.step("collect() of the same query", timeout_s + WATCHDOG_MARGIN_S)
        run = execute(
            lambda engine=engine: query(*(f.lazy() for f in frames)).collect(
                **engine, **variant.collect_kwargs()
            ),
            timeout_s,
        )
        err = error_info(run.exception) if run.exception is not None else None
        if err is not None and err.is_panic:
            how = f"collect(engine={engine['engine']!r})" if engine else "collect()"
            return f"{how} of the same query panics: {err.message}"
    return None


def find_culprit(
    query: Query,
    frames: Sequence[pl.DataFrame],
    rules: Rules,
    lane: Lane,
    failing: Variant,
    baseline: Execution,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> tuple[str, ...] | None:
    """The smallest set of passes (one, else a pair) whose disabling alone reproduces `failing`.

    None when the lane differs with every pass on (the engine, not a pass, is at fault), or when
    no single pass or pair reproduces it. A `-<pass>` variant is its own culprit.
    """

    def outcome(variant: Variant) -> Outcome:
        got = run_cell(lane, variant, query, frames, timeout_s)
        return classify(baseline, got, rules, lane_comparison(lane), timeout_s)[0]

    if outcome(BASELINE).is_failure:
        return None
    if len(failing.disabled) == 1:
        return failing.disabled
    expected = outcome(failing)
    candidates = [(p,) for p in failing.disabled] + [
        pair for pair in combinations(failing.disabled, 2)
    ]
    for disabled in candidates:
        if outcome(Variant("-" + ",-".join(disabled), disabled)) is expected:
            return disabled
    return None


def probe_plans(
    query: Query,
    frames: Sequence[pl.DataFrame],
    lane: Lane,
    variants: Sequence[Variant],
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> list[Cell]:
    """What the lane's plan probe reads from each variant's plan: native, or fallback and why."""
    if lane.probe is None or lane.probe_reason() is not None:
        return []
    cells = []
    for variant in variants:
        start = time.perf_counter()
        watch.step(f"reading the {lane.name} plan", timeout_s, variant.name)
        try:
            found = lane.probe.inspect(query(*(f.lazy() for f in frames)), variant)
        except PanicException as exc:  # a panic is a finding wherever it happens
            detail = f"panicked: {error_info(exc).message}\nwhile reading the {lane.name} plan"
            took = time.perf_counter() - start
            cell = Cell(lane.name, variant.name, Outcome.PANIC, detail, took, shrinkable=False)
            cells.append(cell)
            continue
        except Exception as exc:  # a plan the engine cannot even build
            err = error_info(exc)
            cells.append(
                Cell(lane.name, variant.name, Outcome.UNSUPPORTED, f"plan probe raised {err}", 0.0)
            )
            continue
        outcome = Outcome.FALLBACK if found.fallbacks else Outcome.NATIVE
        detail = "; ".join(found.fallbacks)
        cells.append(
            Cell(lane.name, variant.name, outcome, detail, time.perf_counter() - start, found.notes)
        )
    return cells
