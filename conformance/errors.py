"""Errors a user can cause (bad option values); rendered as one line by the pytest wiring."""

from __future__ import annotations

from collections.abc import Iterable


class ConformanceUsageError(ValueError):
    """A user-facing configuration error whose message names the valid choices."""


def unknown_choice(kind: str, given: str, valid: Iterable[str]) -> ConformanceUsageError:
    return ConformanceUsageError(f"unknown {kind} {given!r}; valid choices: {', '.join(valid)}")
