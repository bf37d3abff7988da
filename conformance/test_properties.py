"""Every property (metamorphic oracles and contract families) on every engine lane.

One item per property: each drawn input is checked on every selected engine lane.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.properties.property import Property


@pytest.mark.conformance
def test_property(prop: Property, supervised: Callable[..., None]) -> None:
    supervised("property", prop.name)
