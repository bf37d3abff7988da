"""The user's own queries (`--queries=module.py`) on every lane, with every optimizer variant,
against the baseline, as the checks `user.<function>` (one item each, every lane per input)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.run.user_queries import UserQuery


@pytest.mark.conformance
def test_user_query(user_query: UserQuery, supervised: Callable[..., None]) -> None:
    supervised("user", user_query.ref)
