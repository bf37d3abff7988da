"""Every catalog operation on every engine lane, with every optimizer variant, against the baseline."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.catalog import Operation
from conformance.engines.lanes import Lane


@pytest.mark.conformance
def test_operation(
    operation: Operation, lane: Lane, supervised: Callable[[str, str, str], None]
) -> None:
    supervised("operation", operation.name, lane.name)
