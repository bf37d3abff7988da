"""One outcome model: every outcome and matrix state has its meaning, severity and colour."""

from __future__ import annotations

import colorsys
import re

from reports.html import COLOURS
from reports.outcomes import AGREEING, SEVERITY, Outcome, State, colour, is_failure, severity
from reports.outcomes import Outcome as ConformanceOutcome


def _saturation(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hsv(r, g, b)[1]


def test_conformance_uses_the_same_enum() -> None:
    assert ConformanceOutcome is Outcome


def test_every_outcome_and_state_has_severity_colour_and_meaning() -> None:
    assert sorted(SEVERITY, key=str) == sorted([*Outcome, *State], key=str)  # each exactly once
    for status in SEVERITY:
        assert status.meaning.strip(), status
        assert re.fullmatch("#[0-9a-f]{6}", status.colour), status
        assert COLOURS[status.value] == status.colour == colour(status.value)
    assert len({s.colour for s in SEVERITY}) == len(SEVERITY)  # no two look alike


def test_failures_rank_worse_than_everything_else() -> None:
    worst_pass = max(severity(o.value) for o in Outcome if o.is_failure)
    assert worst_pass < severity(State.KNOWN.value)
    assert all(severity(o.value) > severity(State.KNOWN.value) for o in Outcome if not o.is_failure)
    assert severity("an-outcome-from-the-future") < 0  # unknown: shown as the worst
    assert is_failure("an-outcome-from-the-future")
    assert not any(Outcome(o).is_failure for o in AGREEING)


def test_a_failing_outcome_is_never_painted_a_neutral_colour() -> None:
    """A failure must not look like "unavailable", "not run" or an agreeing cell."""
    neutral = {State.UNAVAILABLE.colour, State.NOT_RUN.colour}
    quiet = {o.colour for o in Outcome if not o.is_failure} | {State.KNOWN.colour} | neutral
    for outcome in Outcome:
        if outcome.is_failure:
            assert outcome.colour not in quiet, outcome
            assert _saturation(outcome.colour) > 0.3, outcome  # a colour, not a grey
    for state in (State.UNAVAILABLE, State.NOT_RUN):
        assert _saturation(state.colour) < 0.1  # greys are for cells with nothing to look at
