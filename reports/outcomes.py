"""The one outcome model: what each outcome of a checked cell means, whether it fails, its colour.

Every consumer (the harness, the known-issue registry, the matrix, the Markdown, HTML and terminal
reports) reads outcomes from here, so a new outcome cannot be missing from a severity table or be
painted the neutral grey of "unavailable". It lives in `reports` so that rendering results needs
nothing from `conformance`, and the harness imports it from here.

Besides the outcomes a record can hold, the matrix shows three pseudo-states (`State`): a failure
explained by a known issue, a lane that cannot run here, and a cell with nothing checked.
`SEVERITY` orders both, worst first: a matrix cell is shown by its worst.
"""

from __future__ import annotations

from enum import Enum


class Outcome(str, Enum):
    """The outcome of one checked cell (operation x lane x variant x input)."""

    meaning: str
    is_failure: bool  # fails the conformance test (and makes Hypothesis shrink the input)
    colour: str  # the matrix colour in the HTML report

    def __new__(cls, value: str, is_failure: bool, colour: str, meaning: str) -> Outcome:
        member = str.__new__(cls, value)
        member._value_ = value
        member.is_failure = is_failure
        member.colour = colour
        member.meaning = meaning
        return member

    PASS = ("pass", False, "#43a047", "same result as the baseline under the operation's rules")
    MISMATCH = (
        "mismatch",
        True,
        "#c62828",
        "both return frames that differ (row order ignored where the operation leaves it undefined)",
    )
    ERROR_DIVERGENCE = (
        "error-divergence",
        True,
        "#ef6c00",
        "one side raises and the other does not, or they raise different error classes",
    )
    SCHEMA_MISMATCH = (
        "schema-mismatch",
        True,
        "#0d47a1",
        "the result agrees with the baseline but its schema (names, order, dtypes) is not the "
        "one the query plans (collect_schema())",
    )
    CONSISTENT_ERROR = (
        "consistent-error",
        False,
        "#558b2f",
        "baseline and cell raise the same error class: an agreed rejection",
    )
    ELIDED_ERROR = (
        "elided-error",
        False,
        "#7cb342",
        "the cell and the baseline differ only in which error of the query surfaces, or in work "
        "one side's passes pruned: the query raises the cell's error in memory too, or the "
        "in-memory engine with the cell's passes off answers as the cell does (the same frame "
        "where the unoptimized query raises the baseline's error)",
    )
    PANIC = ("panic", True, "#b71c1c", "a Rust panic (PanicException) on either side")
    CRASH = ("crash", True, "#4a148c", "the process running the query died")
    TIMEOUT = ("timeout", True, "#6d4c41", "no answer within the cell's time limit")
    CUT = (
        "cut",
        False,
        "#a1887f",
        "the run's time budget ended while the cell ran: its time limit was cut short of the "
        "cell timeout, so it has no verdict",
    )
    FALLBACK = (
        "fallback",
        False,
        "#f9a825",
        "the engine would not run (part of) the plan itself; the detail says why",
    )
    NATIVE = ("native", False, "#2e7d32", "the engine runs the whole plan itself (plan probe)")
    UNSUPPORTED = (
        "unsupported",
        False,
        "#78909c",
        "the lane cannot take this query (plan not serializable, dtype a format cannot hold)",
    )
    # --- property families (conformance/properties): what a broken contract is called -----------
    ORACLE_VIOLATION = (
        "oracle-violation",
        True,
        "#d81b60",
        "a metamorphic relation between queries broke (oracle.*)",
    )
    ROUNDTRIP_MISMATCH = (
        "roundtrip-mismatch",
        True,
        "#ad1457",
        "serializing or writing then reading back changed the data or the bytes (serialize.*, serde-*)",
    )
    NOT_SERIALIZABLE = (
        "not-serializable",
        False,
        "#90a4ae",
        "serialization refused with the documented error (Python UDFs)",
    )
    SORTEDNESS_VIOLATION = (
        "sortedness-violation",
        True,
        "#f4511e",
        "a sorted flag or sorted fast path changed a result (sorted.*)",
    )
    UNTRUTHFUL_FLAG = (
        "untruthful-sorted-flag",
        True,
        "#bf360c",
        "a column flagged sorted is not sorted that way",
    )
    INVARIANT_VIOLATION = (
        "invariant-violation",
        True,
        "#880e4f",
        "a reshape round trip or invariant broke (reshape.*)",
    )
    ERROR = (
        "error",
        True,
        "#e53935",
        "a property's own query raised where its contract says it must work",
    )


class State(str, Enum):
    """What a matrix cell can show besides an outcome."""

    meaning: str
    colour: str

    def __new__(cls, value: str, colour: str, meaning: str) -> State:
        member = str.__new__(cls, value)
        member._value_ = value
        member.colour = colour
        member.meaning = meaning
        return member

    KNOWN = ("known", "#8e24aa", "a failure explained by a known-issue registry entry")
    UNAVAILABLE = ("unavailable", "#bdbdbd", "the lane or operation cannot run here (see reason)")
    NOT_RUN = ("not-run", "#eeeeee", "nothing was checked in this cell")


Status = Outcome | State

# Worst first. Failures lead; a known failure ranks below every new one; agreement comes last.
SEVERITY: tuple[Status, ...] = (
    Outcome.CRASH,
    Outcome.PANIC,
    Outcome.TIMEOUT,
    Outcome.MISMATCH,
    Outcome.ERROR_DIVERGENCE,
    Outcome.SCHEMA_MISMATCH,
    Outcome.ORACLE_VIOLATION,
    Outcome.ROUNDTRIP_MISMATCH,
    Outcome.SORTEDNESS_VIOLATION,
    Outcome.UNTRUTHFUL_FLAG,
    Outcome.INVARIANT_VIOLATION,
    Outcome.ERROR,
    State.KNOWN,
    Outcome.FALLBACK,
    Outcome.UNSUPPORTED,
    Outcome.CUT,
    Outcome.NOT_SERIALIZABLE,
    Outcome.CONSISTENT_ERROR,
    Outcome.ELIDED_ERROR,
    Outcome.NATIVE,
    Outcome.PASS,
    State.UNAVAILABLE,
    State.NOT_RUN,
)
# Outcomes the matrix shows as agreement with the baseline (`native`: nothing to look at); plain
# strings, so that membership never depends on how an Enum hashes.
AGREEING = frozenset(
    o.value for o in (Outcome.PASS, Outcome.CONSISTENT_ERROR, Outcome.ELIDED_ERROR, Outcome.NATIVE)
)
_BY_NAME: dict[str, Status] = {s.value: s for s in SEVERITY}


def status(name: str) -> Status | None:
    """The outcome or pseudo-state called `name`; None for a name this suite does not know."""
    return _BY_NAME.get(name)


def severity(name: str) -> int:
    """Rank of `name` in `SEVERITY` (0 is worst); an unknown name ranks worst, so it is seen."""
    found = status(name)
    return SEVERITY.index(found) if found is not None else -1


def colour(name: str) -> str:
    """The HTML colour of an outcome or pseudo-state; an unknown name gets a loud magenta."""
    found = status(name)
    return found.colour if found is not None else "#ff00ff"


def is_failure(name: str) -> bool:
    """Whether outcome `name` fails the run; an unknown outcome does (it must not pass unseen)."""
    found = status(name)
    return found.is_failure if isinstance(found, Outcome) else found is None
