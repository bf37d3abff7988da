"""List, array and struct operations."""

from __future__ import annotations

from conformance.catalog.operation import Operation
from strategies import dtypes as D
from strategies.frames import Col

OPERATIONS = (
    Operation("explode", lambda lf: lf.explode("l"), ({"l": Col(D.lists), "i": Col(D.integers)},)),
)
