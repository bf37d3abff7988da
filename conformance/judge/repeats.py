"""Confirming a failure seen on a nondeterministic lane (a thread count) before it is reported.

Such a lane declares `repeat`: a failing cell runs that many more times, and is reported only when
at least one repeat fails the same way, its detail saying in how many. A failure no repeat shows
again is not reported as a finding; the cell passes, its detail keeping what was seen once.
"""

from __future__ import annotations

from collections.abc import Callable

from reports.outcomes import Outcome

# Repeating these costs a full time limit or a process each; the first is already certain.
_NOT_REPEATED = frozenset({Outcome.TIMEOUT, Outcome.CRASH})


def confirm(
    outcome: Outcome, detail: str, repeats: int, rerun: Callable[[], Outcome]
) -> tuple[Outcome, str]:
    """The cell's outcome and detail after `repeats` more runs of it (`rerun` gives each outcome)."""
    if not outcome.is_failure or repeats < 1 or outcome in _NOT_REPEATED:
        return outcome, detail
    again = sum(rerun() is outcome for _ in range(repeats))
    if again:
        return outcome, f"{detail}\n(confirmed in {again} of {repeats} repeats)"
    first = detail.splitlines()[0] if detail else outcome.value
    return (
        Outcome.PASS,
        f"not confirmed: failed once ({first}), then passed {repeats} of {repeats} repeats",
    )
