"""Every property (metamorphic oracles and contract families) on every engine lane."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.engines.lanes import Lane
from conformance.properties.property import Property


@pytest.mark.conformance
def test_property(prop: Property, lane: Lane, supervised: Callable[[str, str, str], None]) -> None:
    supervised("property", prop.name, lane.name)
