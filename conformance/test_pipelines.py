"""Generated multi-step pipelines on every lane, with every optimizer variant, against the baseline.

Each example draws a query (`strategies.pipelines`) and its input frames; the query's code is what
records and reproducers carry (`conformance.run.checks`).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.engines.lanes import Lane
from conformance.run.selection import PIPELINE


@pytest.mark.conformance
def test_pipeline(lane: Lane, supervised: Callable[[str, str, str], None]) -> None:
    supervised("pipeline", PIPELINE, lane.name)
