"""Typed generated queries on every lane, with every optimizer variant, against the baseline.

Each example draws a query over the whole expression and plan API (`strategies.queries`) and its
input frames; the query's code is what records and reproducers carry (`conformance.run.checks`).
The check runs as `QUERY_ITEMS` test items (`conformance.run.selection`): each draws its own
queries for its own share of the budget.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.run.selection import QUERY, QUERY_ITEMS


@pytest.mark.conformance
@pytest.mark.parametrize("part", range(QUERY_ITEMS))
def test_query(supervised: Callable[..., None], part: int) -> None:
    supervised(QUERY, QUERY)
