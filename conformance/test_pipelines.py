"""Generated multi-step pipelines on every lane, with every optimizer variant, against the baseline.

Each example draws a query (`strategies.pipelines`) and its input frames and runs them on every
selected lane; the query's code is what records and reproducers carry (`conformance.run.checks`).
One generated check is one test item: `supervised(kind, name)` skips it where `--ops` did not
select it, and runs it for its share of the budget otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.run.selection import PIPELINE


@pytest.mark.conformance
def test_pipeline(supervised: Callable[..., None]) -> None:
    supervised("pipeline", PIPELINE)
