"""Every catalog operation on every engine lane, with every optimizer variant, against the baseline.

One item per operation: each drawn input runs on every selected lane (one baseline per input).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.catalog import Operation


@pytest.mark.conformance
def test_operation(operation: Operation, supervised: Callable[..., None]) -> None:
    supervised("operation", operation.name)
