"""Profiles: named budgets, registered once and chosen by `POLARS_CONFORMANCE_PROFILE`.

A profile names the run's time budget (`conformance.run.budget`; `--budget` overrides it), the
Hypothesis example database, and how many examples one Hypothesis round draws (`round_examples`):
a check draws rounds until its share of the budget is spent, so the round size only shapes
Hypothesis' schedule within a round (it draws its first tenth small), never the run's length.
Both the pytest process and its supervised checking process load them, so a profile means the same
round size and the same example database wherever the examples are drawn.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from conformance.errors import ConformanceUsageError

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PROFILE = "ci"
ENV_VAR = "POLARS_CONFORMANCE_PROFILE"


@dataclass(frozen=True)
class Profile:
    name: str
    budget_s: float  # the run's length
    round_examples: int  # Hypothesis' max_examples for one round of one check
    database: str  # what the example database is, for the README's table
    settings: dict[str, Any]


_COMMON: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
}
# Failures are stored, so a CI failure replays on the next run (`.hypothesis/` can be cached).
_CI_DATABASE = {
    "database": DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples")),
    "print_blob": True,
}
PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile("fast", 120, 8, "none", {"database": None}),
        Profile("ci", 600, 25, "`.hypothesis/examples`", _CI_DATABASE),
        Profile("deep", 1800, 300, "`.hypothesis/`", {}),
        Profile("nightly", 3600, 300, "`.hypothesis/`", {}),
    )
}
for _profile in PROFILES.values():
    settings.register_profile(
        _profile.name, max_examples=_profile.round_examples, **_profile.settings, **_COMMON
    )


def profile_name() -> str:
    """The profile `POLARS_CONFORMANCE_PROFILE` names (default `ci`); one line for a bad name."""
    name = os.environ.get(ENV_VAR, DEFAULT_PROFILE)
    if name not in PROFILES:
        raise ConformanceUsageError(
            f"unknown {ENV_VAR} {name!r}; valid choices: {', '.join(PROFILES)}"
        )
    return name


def load_profile() -> str:
    """Load the chosen profile's Hypothesis settings and return its name."""
    name = profile_name()
    settings.load_profile(name)
    return name
