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

    @property
    def is_failure(self) -> bool:
        """Outcomes that make the conformance test fail (and Hypothesis shrink the input)."""
        return self in _FAILURES


_FAILURES = frozenset(
    {Outcome.MISMATCH, Outcome.ERROR_DIVERGENCE, Outcome.PANIC, Outcome.CRASH, Outcome.TIMEOUT}
)
