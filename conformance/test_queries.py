"""Typed generated queries on every lane, with every optimizer variant, against the baseline.

Each example draws a query over the whole expression and plan API (`strategies.queries`) and its
input frames; the query's code is what records and reproducers carry (`conformance.run.checks`).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.run.selection import QUERY


@pytest.mark.conformance
def test_query(supervised: Callable[..., None]) -> None:
    supervised(QUERY, QUERY)
