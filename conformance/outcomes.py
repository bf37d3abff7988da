"""The outcome vocabulary of one checked cell (operation x lane x variant x input)."""

from __future__ import annotations

from enum import Enum


class Outcome(str, Enum):
    PASS = "pass"  # same result as the baseline
    MISMATCH = "mismatch"  # both produced frames, and they differ under the operation's rules
    ERROR_DIVERGENCE = "error-divergence"  # one side raised and the other did not, or other classes
    CONSISTENT_ERROR = "consistent-error"  # both raised the same error class: agreed rejection
    PANIC = "panic"  # a Rust panic (PanicException) on either side
    CRASH = "crash"  # the process running the query died
    TIMEOUT = "timeout"  # no answer within the cell's time limit
    FALLBACK = "fallback"  # the engine would not run (part of) the plan itself: see the reasons
    NATIVE = "native"  # a plan probe found the engine runs the whole plan itself
    UNSUPPORTED = (
        "unsupported"  # the lane cannot take this query at all (e.g. plan not serializable)
    )
    # --- property families (conformance/properties): what a broken contract is called -----------
    ORACLE_VIOLATION = "oracle-violation"  # a metamorphic relation between two queries broke
    ROUNDTRIP_MISMATCH = "roundtrip-mismatch"  # serialize/write then read back changed the data
    NOT_SERIALIZABLE = "not-serializable"  # refused with the documented error (e.g. Python UDFs)
    SORTEDNESS_VIOLATION = "sortedness-violation"  # a sorted fast path changed a result
    UNTRUTHFUL_FLAG = "untruthful-sorted-flag"  # a column flagged sorted is not sorted that way
    INVARIANT_VIOLATION = "invariant-violation"  # a reshape round trip or invariant broke
    ERROR = "error"  # a property's own query raised where the contract says it must work

    @property
    def is_failure(self) -> bool:
        """Outcomes that make the conformance test fail (and Hypothesis shrink the input)."""
        return self in _FAILURES


_FAILURES = frozenset(
    {
        Outcome.MISMATCH,
        Outcome.ERROR_DIVERGENCE,
        Outcome.PANIC,
        Outcome.CRASH,
        Outcome.TIMEOUT,
        Outcome.ORACLE_VIOLATION,
        Outcome.ROUNDTRIP_MISMATCH,
        Outcome.SORTEDNESS_VIOLATION,
        Outcome.UNTRUTHFUL_FLAG,
        Outcome.INVARIANT_VIOLATION,
        Outcome.ERROR,
    }
)
