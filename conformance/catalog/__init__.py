"""The operation catalog: the one place where operations are declared.

Each topic module holds an `OPERATIONS` tuple; adding an operation is one `Operation(...)` entry in
the module for its topic: its name, the query (a function from input LazyFrames to a LazyFrame), the
input columns it needs, and its comparison rules. Entries whose API is missing on the installed
Polars say why (`requires`) and are skipped.
"""

from __future__ import annotations

from conformance.catalog import (
    aggregations,
    categorical,
    concat,
    expressions,
    group_by,
    joins,
    nested,
    numeric,
    rows,
    selection,
    sql,
    strings,
    temporal,
    windows,
)
from conformance.catalog.operation import Operation, has_attr, has_param

_TOPICS = (
    expressions,
    numeric,
    strings,
    temporal,
    nested,
    categorical,
    rows,
    selection,
    group_by,
    aggregations,
    windows,
    joins,
    sql,
    concat,
)

OPERATIONS: tuple[Operation, ...] = tuple(op for topic in _TOPICS for op in topic.OPERATIONS)

_duplicates = sorted(
    {op.name for op in OPERATIONS if [o.name for o in OPERATIONS].count(op.name) > 1}
)
if _duplicates:
    raise RuntimeError(f"catalog entries share a name: {', '.join(_duplicates)}")

__all__ = [
    "OPERATIONS",
    "Operation",
    "has_attr",
    "has_param",
]
