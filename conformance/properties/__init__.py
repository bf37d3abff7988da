"""The property registry: contracts checked on every engine lane, one module per family.

Each family module holds a `PROPERTIES` tuple; adding a property is one `Property(...)` entry there.
"""

from __future__ import annotations

from conformance.properties import metamorphic, reshape, serialization, sortedness
from conformance.properties.property import Property

_FAMILIES = (metamorphic, serialization, reshape, sortedness)

PROPERTIES: tuple[Property, ...] = tuple(p for family in _FAMILIES for p in family.PROPERTIES)

_names = [p.name for p in PROPERTIES]
if len(_names) != len(set(_names)):
    raise RuntimeError(
        f"properties share a name: {sorted({n for n in _names if _names.count(n) > 1})}"
    )
