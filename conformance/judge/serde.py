"""The serialization twin: every checked query's plan, serialized and read back, is one more
evaluator of the same query beside its eager and DuckDB twins.

On the baseline's lane each differential example gets one cell per plan format (variant
`serde-<format>`): a fresh plan of the query is serialized with `LazyFrame.serialize(format=...)`,
and then

1. it must serialize to the same bytes again, and after `collect_schema()` and `explain()` on the
   same LazyFrame (inspecting a plan must not change it), on inputs of at most
   `RECHECKED_MAX_ROWS` rows (the plan's state does not grow with them; its bytes do);
2. `LazyFrame.deserialize` must read those bytes back, and the plan it gives must serialize to the
   same bytes;
3. that plan, collected on the baseline's lane (in-memory, every pass on), must give the
   baseline's result (or raise the same error class).

A broken serialize or deserialize is the cell's outcome; else a wrong result (3) is, judged as any
cell against the baseline; else changed bytes (1, 2) are: a known instability of the bytes must not
hide a wrong result. Bytes that only the deserialized plan changed, and that the inputs settled to
one Arrow IPC representation do not change, depended on how the generated inputs lay in memory,
not on the plan: that cell passes, saying so; where the settled inputs change them otherwise, that
change (which the record's inputs reproduce) is reported in its place. The formats are read at
import from the signatures of Polars' own functions (a release offers `binary`, and `json`,
deprecated in 2.x); a format `EXPECTED` names that the release lacks is an `unsupported` cell
that says so. Polars may refuse to serialize a plan only as
it documents (`refusal`): a Python callable that cannot be pickled, or an opaque Python function:
such a cell is `not-serializable`; any other error is a finding.

Security: deserializing a plan that holds a Python UDF runs pickle. The only bytes ever deserialized
here are those the same round trip serialized a moment before, in this process; nothing read from
disk or from a record is deserialized (reproducers do the same: they serialize the plan themselves).
"""

from __future__ import annotations

import contextlib
import inspect
import io
import re
import typing
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import polars as pl
import polars._typing
from polars.exceptions import PanicException

from conformance.engines.execute import Execution, execute
from conformance.engines.lanes import BASELINE_LANE
from conformance.engines.passes import BASELINE
from conformance.judge.compare import difference
from conformance.run import watch
from conformance.version import POLARS_VERSION_STRING
from reports.outcomes import Outcome

if TYPE_CHECKING:
    from conformance.judge.harness import Cell, Referee

PREFIX = "serde-"
# The plan formats of the releases this suite runs (1.25 to 2.x); each gets a cell on every example.
EXPECTED = ("binary", "json")
# What a failing cell says broke, so that its reproducer judges that: `serialize` and
# `deserialize` (a step of `plan_round_trip` raised), the deserialized plan's result, or the bytes.
RESULT, BYTES = "result", "bytes"
# Inputs of more rows than this (the scale tier) take the round trip without its rechecks
# (`plan_round_trip`): those check the plan's own state, which no row count changes, and every
# smaller input checks them; each is one more serialization of every row (about 0.1 s a 10^5
# rows, where a query of them runs in a fifth of that).
RECHECKED_MAX_ROWS = 20_000


def rechecked(frames: Sequence[pl.DataFrame]) -> bool:
    """Whether a round trip of a query of `frames` rechecks the plan's bytes (`plan_round_trip`)."""
    return sum(frame.height for frame in frames) <= RECHECKED_MAX_ROWS


def variant(fmt: str) -> str:
    return f"{PREFIX}{fmt}"


def _choices(func: Callable[..., object], param: str) -> tuple[str, ...]:
    """The values a `Literal[...]`-typed parameter of `func` accepts, () where it has none."""
    parameter = inspect.signature(func).parameters.get(param)
    if parameter is None:
        return ()
    annotation = parameter.annotation
    found: list[str] = []
    parts = annotation.split("|") if isinstance(annotation, str) else [annotation]
    for part in parts:  # a string annotation names an alias of polars._typing
        alias = getattr(polars._typing, part.strip(), None) if isinstance(part, str) else part
        found.extend(a for a in typing.get_args(alias) if isinstance(a, str))
    return tuple(found)


def offered_formats(
    serialize: Callable[..., object], deserialize: Callable[..., object]
) -> tuple[str, ...]:
    """The formats both directions accept on the installed Polars, read from their signatures."""
    readable = set(_choices(deserialize, "format"))
    return tuple(f for f in _choices(serialize, "format") if f in readable)


# Read once, from Polars' own functions: a planted shim must not change which formats are checked.
PLAN_FORMATS = offered_formats(pl.LazyFrame.serialize, pl.LazyFrame.deserialize)


def missing_format_reason(fmt: str) -> str | None:
    """Why the installed Polars cannot round-trip plans in `fmt`, or None where it can."""
    if fmt in PLAN_FORMATS:
        return None
    if not PLAN_FORMATS:
        return (
            f"Polars {POLARS_VERSION_STRING}: LazyFrame.serialize/deserialize take no format "
            "argument (read from their signatures)"
        )
    return (
        f"Polars {POLARS_VERSION_STRING}: LazyFrame.serialize/deserialize offer no {fmt!r} "
        f"format (they offer {', '.join(PLAN_FORMATS)})"
    )


def formats() -> tuple[str, ...]:
    """The formats that get a cell: those the release offers, then those it lacks."""
    return PLAN_FORMATS + tuple(f for f in EXPECTED if f not in PLAN_FORMATS)


# --- the steps, as standalone functions: reproducers embed their source verbatim -----------------


def serialize_plan(lf: pl.LazyFrame, fmt: str) -> bytes | str:
    """`lf.serialize(format=fmt)`, without the deprecation warning some releases give for json."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return lf.serialize(format=fmt)


def deserialize_plan(data: bytes | str, fmt: str) -> pl.LazyFrame:
    """`LazyFrame.deserialize` of what `serialize_plan` wrote (a str would be taken for a path).

    Runs pickle where the plan holds a Python UDF: only ever called on bytes this process has
    just serialized itself.
    """
    source = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pl.LazyFrame.deserialize(source, format=fmt)


def refusal(exc: BaseException) -> str | None:
    """Why Polars declines to serialize a plan, where it documents declining; None otherwise.

    It declines with a `ComputeError` for a Python callable it cannot pickle (its message names the
    Python error, e.g. cloudpickle missing or an unpicklable closure), or an opaque Python
    function. An opaque Rust callback (a plan `LazyFrame.sql` built, pola-rs/polars#26465) is no
    documented refusal: such a plan should serialize.
    """
    if not isinstance(exc, pl.exceptions.ComputeError):
        return None
    message = str(exc)
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    if re.search(r"(?m)^(error: )?python: ", message):
        return f"the plan holds a Python callable that cannot be pickled ({lines[-1]})"
    if re.search(r"(?i)cannot serialize 'opaque' function in \S*python", message):
        return f"the plan holds an opaque Python function ({lines[-1]})"
    return None


def flags_pattern() -> re.Pattern[bytes]:
    """A frame's column flags in its Arrow IPC metadata: the value, NUL padding, then the key."""
    return re.compile(rb"(\[[0-9,]*\])(?=\x00{1,4}\t\x00\x00\x00_PL_FLAGS)")


def json_flags_pattern() -> re.Pattern[str]:
    """`flags_pattern` in a JSON plan, which holds its frames' Arrow IPC bytes as arrays of
    decimal numbers: matched in the text, as decoding megabytes of numbers would be slow."""
    value = "(?:44|4[89]|5[0-7])"  # the bytes of ',' and '0'-'9'
    key = ",".join(map(str, b"\t\x00\x00\x00_PL_FLAGS"))
    return re.compile(rf"91,(?<=[\[,]91,)(?:{value},)*93(?=(?:,0){{1,4}},{key}(?![0-9]))")


def column_flags(data: bytes | str) -> list[bytes]:
    """The column statistics flags (`_PL_FLAGS`: sorted, fast explode) a plan carries with its
    in-memory frames, in the order they appear."""
    if isinstance(data, bytes):
        return flags_pattern().findall(data)
    return [bytes(map(int, m.split(","))) for m in json_flags_pattern().findall(data)]


def flags_only(before: bytes | str, after: bytes | str) -> bool:
    """Whether two serializations differ in the values of column flags alone."""
    if type(before) is not type(after) or len(before) != len(after):
        return False
    return flags_masked(before) == flags_masked(after)


def flags_masked(data: bytes | str) -> bytes | str:
    """`data` with its column flags' values masked."""
    if isinstance(data, bytes):
        return flags_pattern().sub(lambda m: b"#" * len(m.group()), data)
    return json_flags_pattern().sub(lambda m: "#" * len(m.group()), data)


def first_difference(before: bytes | str, after: bytes | str) -> int:
    """The offset where two serializations first differ (the shorter one's length if one is the
    other's start), found a block at a time: plans hold their frames and run to megabytes."""
    at, block = 0, 4096
    while before[at : at + block] == after[at : at + block] and at < min(len(before), len(after)):
        at += block
    return next(
        (i for i in range(at, at + block) if before[i : i + 1] != after[i : i + 1]),
        min(len(before), len(after)),
    )


def byte_difference(before: bytes | str, after: bytes | str) -> str:
    """Where two serializations first differ, with a little of each around it."""
    at = first_difference(before, after)
    start = max(0, at - 40)
    flags = [column_flags(before), column_flags(after)]
    shown = f"\n_PL_FLAGS before {flags[0]}, after {flags[1]}" if flags[0] != flags[1] else ""
    return (
        f"first difference at offset {at} (lengths {len(before)} and {len(after)}){shown}\n"
        f"--- before ---\n{before[start : at + 80]!r}\n--- after ---\n{after[start : at + 80]!r}"
    )


def inspect_quietly(lf: pl.LazyFrame, method: str) -> None:
    """Run `method` (`collect_schema`, `explain`) on `lf`; its own error is no serialization
    matter (a query may rightly fail on its input): its plan must serialize all the same."""
    with contextlib.suppress(Exception):
        getattr(lf, method)()


def plan_round_trip(
    build: Callable[[], pl.LazyFrame],
    fmt: str,
    step: Callable[..., Any],
    recheck: bool = True,
) -> tuple[pl.LazyFrame, list[tuple[str, bytes | str, bytes | str]]]:
    """`build()`'s plan serialized in `fmt` and deserialized: the plan read back, and each way the
    bytes changed, as (what changed them, bytes before, bytes after).

    The plan read back must serialize to the same bytes; with `recheck`, the bytes must also not
    change when the plan is serialized again, then after `collect_schema()`, then after
    `explain()` (in turn on one plan, each compared with the bytes just before it, so each change
    is put down to its own step). Every serialization runs through `step(run, what, aspect,
    first)`, which decides what its failure means (`first`: the plan's first serialization, which
    alone may be refused). Only bytes serialized here, a moment before, are deserialized.
    """
    lf = build()
    data = step(lambda: serialize_plan(lf, fmt), f"serialize(format={fmt!r})", "serialize", True)
    changed = []
    before = data
    rechecks = (
        (
            ("serializing it again", None),
            ("collect_schema()", "collect_schema"),
            ("explain()", "explain"),
        )
        if recheck
        else ()
    )
    for what, method in rechecks:
        if method is not None:
            inspect_quietly(lf, method)
        after = step(
            lambda: serialize_plan(lf, fmt),
            f"serialize(format={fmt!r}) after {what}",
            "serialize",
        )
        if after != before:
            how = " (column flags only)" if flags_only(before, after) else ""
            changed.append(
                (f"the plan serializes ({fmt}) to other bytes{how} after {what}", before, after)
            )
        before = after
    back = step(
        lambda: deserialize_plan(data, fmt),
        f"the plan: deserializing its own {fmt} output",
        "deserialize",
    )
    again = step(
        lambda: serialize_plan(back, fmt),
        f"serialize(format={fmt!r}) of the deserialized plan",
        "serialize",
    )
    if again != data:
        how = " (column flags only)" if flags_only(data, again) else ""
        changed.append(
            (f"the deserialized plan serializes ({fmt}) to other bytes{how}", data, again)
        )
    return back, changed


def changed_bytes(changed: Sequence[tuple[str, bytes | str, bytes | str]]) -> str:
    """What `plan_round_trip` found changing the bytes: every way on the first line, then where."""
    lines = ["; ".join(what for what, _, _ in changed)]
    for what, before, after in changed:
        lines.append(f"{what}: {byte_difference(before, after)}")
    return "\n".join(lines)


# --- the round trip --------------------------------------------------------------------------------


class RoundTripBroken(Exception):
    """Serializing or deserializing failed: the round trip has no result to compare."""

    def __init__(self, outcome: Outcome, detail: str, aspect: str) -> None:
        super().__init__(detail)
        self.outcome, self.detail, self.aspect = outcome, detail, aspect


class NotSerializable(Exception):
    """Polars declined to serialize the plan, as it documents (`refusal`)."""


def _step(run: Callable[[], Any], what: str, aspect: str, first: bool = False) -> Any:
    """`run()`; a failure breaks the round trip, except the documented refusal to serialize a
    plan at all (`first`: a plan that serialized once must serialize again)."""
    try:
        return run()
    except (Exception, PanicException) as exc:
        if first and (why := refusal(exc)):
            raise NotSerializable(why) from None
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        message = " | ".join(lines)[:300]  # binary errors name their cause on a later line
        outcome = Outcome.PANIC if isinstance(exc, PanicException) else Outcome.ROUNDTRIP_MISMATCH
        raise RoundTripBroken(
            outcome, f"{what} raised {type(exc).__name__}: {message}", aspect
        ) from None


@dataclass
class RoundTrip:
    """One format's round trip of one query; `changed` says how the bytes changed, if they did."""

    fmt: str
    changed: list[tuple[str, bytes | str, bytes | str]] = field(default_factory=list)

    @property
    def unstable(self) -> str | None:
        return changed_bytes(self.changed) if self.changed else None

    def run(
        self,
        build: Callable[[], pl.LazyFrame],
        collect: Callable[[pl.LazyFrame], pl.DataFrame],
        recheck: bool = True,
    ) -> pl.DataFrame:
        """The deserialized plan's result; raises `RoundTripBroken` or `NotSerializable` where
        there is none. An error building the query, or collecting it, propagates: it is the
        query's own, compared with the baseline's."""
        back, self.changed = plan_round_trip(build, self.fmt, _step, recheck)
        return collect(back)


# --- cells of the baseline's lane --------------------------------------------------------------


def serde_cells(referee: Referee) -> list[Cell]:
    """One cell per plan format: the query's plan round-tripped, against the baseline."""
    return [_serde_cell(referee, fmt) for fmt in formats()]


def _serde_cell(referee: Referee, fmt: str) -> Cell:
    # the harness judges a result as it judges every cell (it imports this module)
    from conformance.judge.harness import WATCHDOG_MARGIN_S, Cell, classify
    from conformance.run.reproduce_spec import serde_script

    name = variant(fmt)
    if why := missing_format_reason(fmt):
        return Cell(BASELINE_LANE.name, name, Outcome.UNSUPPORTED, why, 0.0)
    query, frames, timeout_s = referee.query, referee.frames, referee.timeout_s
    trip, recheck = RoundTrip(fmt), rechecked(frames)
    watch.step(f"the plan's {fmt} round trip", timeout_s + WATCHDOG_MARGIN_S, name)
    got = execute(
        lambda: trip.run(
            lambda: query(*(f.lazy() for f in frames)),
            lambda lf: BASELINE_LANE.collect(lf, BASELINE, timeout_s),
            recheck,
        ),
        timeout_s,
    )
    aspect = RESULT
    if isinstance(got.exception, NotSerializable):
        return Cell(
            BASELINE_LANE.name, name, Outcome.NOT_SERIALIZABLE, str(got.exception), got.duration_s
        )
    if isinstance(got.exception, RoundTripBroken):
        outcome, detail, aspect = got.exception.outcome, got.exception.detail, got.exception.aspect
    else:
        outcome, detail = classify(
            referee.baseline, got, referee.rules, difference, referee.timeout_s
        )
        if outcome is Outcome.ERROR_DIVERGENCE and (
            elided := referee.elided(BASELINE_LANE, BASELINE, got)
        ):  # a query with two errors may raise either, its deserialized plan too
            outcome, detail = Outcome.ELIDED_ERROR, f"the plan deserialized from {fmt}: {elided}"
        elif outcome is Outcome.MISMATCH:
            detail = f"the plan deserialized from {fmt} gives another result\n{detail}"
            detail += _chunk_layout_note(query, frames, got, referee)
        elif outcome.is_failure:
            detail = f"the plan deserialized from {fmt}: {detail}"
        elif trip.changed:
            layout, settled = _layout_only(trip, query, frames, timeout_s + WATCHDOG_MARGIN_S)
            # the change the inputs as recorded show stands for the one their layout made
            trip.changed = [c for c in trip.changed if c is not layout] + settled
            if trip.changed:
                outcome, detail, aspect = Outcome.ROUNDTRIP_MISMATCH, trip.unstable, BYTES
            else:
                detail = f"{changed_bytes([layout])}\n{_LAYOUT_LOST}" if layout else detail
    cell = Cell(BASELINE_LANE.name, name, outcome, detail, got.duration_s)
    if outcome.is_failure:
        cell = replace(cell, script=serde_script(fmt, aspect, referee.rules, recheck))
    return cell


# The byte contract is on the plan's content: bytes that differ only with how the generated inputs
# lie in memory (a sliced buffer written whole, Enum metadata on a nested field or not) are no
# finding; the inputs settled to one representation (`_settled`) decide.
_LAYOUT_LOST = (
    "(passed: not shown on the inputs settled to one Arrow IPC representation: the bytes depended "
    "on how the generated inputs lay in memory, not on the plan)"
)


def _settled(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` written to Arrow IPC and read back until its IPC bytes stop changing (at most three
    times): one representation of its values, whatever layout (sliced buffers, metadata on nested
    fields) the generator's construction left in memory."""
    before = b""
    for _ in range(3):
        buf = io.BytesIO()
        frame.write_ipc(buf)
        if buf.getvalue() == before:
            break
        before = buf.getvalue()
        frame = pl.read_ipc(io.BytesIO(before))
    return frame


def _layout_only(
    trip: RoundTrip,
    query: Callable[..., pl.LazyFrame],
    frames: Sequence[pl.DataFrame],
    limit_s: float,
) -> tuple[tuple[str, bytes | str, bytes | str] | None, list[tuple[str, bytes | str, bytes | str]]]:
    """The deserialized plan's change of bytes where it depended on how the inputs lay in memory,
    and what the round trip run again on settled copies of them (`_settled`, as a record keeps
    them) changes instead: (the layout's change, the settled inputs' changes). A change that shows
    on the settled inputs too is no layout matter: (None, []). An inspection's change
    (`collect_schema()`, `explain()`) is the plan's own and never asked."""
    deserialized = [c for c in trip.changed if c[0].startswith("the deserialized plan")]
    if not deserialized:
        return None, []
    watch.step(f"the plan's {trip.fmt} round trip on settled inputs", limit_s, variant(trip.fmt))
    try:
        settled = [_settled(f) for f in frames]
        _, changed = plan_round_trip(
            lambda: query(*(f.lazy() for f in settled)), trip.fmt, _step, recheck=False
        )
    except (Exception, PanicException):  # the round trip broke there: not a layout matter
        return None, []
    again = [c for c in changed if c[0].startswith("the deserialized plan")]
    if any(c[1:] == deserialized[0][1:] for c in again):  # the very same bytes: the plan's own
        return None, []
    return deserialized[0], [
        (f"{what} on the inputs settled to Arrow IPC", before, after)
        for what, before, after in again
    ]


def _chunk_layout_note(
    query: Callable[..., pl.LazyFrame],
    frames: Sequence[pl.DataFrame],
    got: Execution,
    referee: Referee,
) -> str:
    """Where a release's round trip rechunks the inputs (1.x), a result that differs may be the
    query's own dependence on chunk layout: said where the query, unserialized, on its inputs
    rechunked gives the round trip's result."""
    if got.frame is None or all(s.n_chunks() == 1 for f in frames for s in f.get_columns()):
        return ""
    rechunked = [f.rechunk() for f in frames]
    plain = execute(
        lambda: BASELINE_LANE.collect(
            query(*(f.lazy() for f in rechunked)), BASELINE, referee.timeout_s
        ),
        referee.timeout_s,
    )
    if plain.frame is None or difference(plain.frame, got.frame, referee.rules) is not None:
        return ""
    return (
        "\nthe query gives the round trip's result without serializing when its inputs are "
        "rechunked: the inputs' chunk layout, which this round trip does not keep, changes the "
        "result, not serialization"
    )
