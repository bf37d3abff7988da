"""Hypothesis profiles, registered once and chosen by `POLARS_CONFORMANCE_PROFILE`.

Both the pytest process and its supervised checking process load them, so a profile means the same
number of examples and the same example database wherever the examples are drawn.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from conformance.errors import ConformanceUsageError

ROOT = Path(__file__).resolve().parents[2]
PROFILES = ("fast", "ci", "deep")
DEFAULT_PROFILE = "ci"
ENV_VAR = "POLARS_CONFORMANCE_PROFILE"

_COMMON: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
}
settings.register_profile("fast", max_examples=8, database=None, **_COMMON)
settings.register_profile(
    "ci",
    max_examples=25,
    # Failures are stored, so a CI failure replays on the next run (`.hypothesis/` can be cached).
    database=DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples")),
    print_blob=True,
    **_COMMON,
)
settings.register_profile("deep", max_examples=300, **_COMMON)


def load_profile() -> str:
    """Load the profile `POLARS_CONFORMANCE_PROFILE` names (default `ci`) and return its name."""
    name = os.environ.get(ENV_VAR, DEFAULT_PROFILE)
    if name not in PROFILES:
        raise ConformanceUsageError(
            f"unknown {ENV_VAR} {name!r}; valid choices: {', '.join(PROFILES)}"
        )
    settings.load_profile(name)
    return name
