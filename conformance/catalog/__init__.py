"""The operation catalog: the one place where operations are declared.

Each topic module holds an `OPERATIONS` tuple; adding an operation is one `Operation(...)` entry in
the module for its topic: its name, the query (a function from input LazyFrames to a LazyFrame), the
input columns it needs, and its comparison rules. Entries whose API is missing on the installed
Polars say why (`requires`) and are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from fnmatch import fnmatchcase

from conformance.catalog import (
    concat,
    expressions,
    group_by,
    joins,
    nested,
    rows,
    strings,
    temporal,
    windows,
)
from conformance.catalog.operation import Operation, has_attr, has_param
from conformance.errors import unknown_choice

_TOPICS = (expressions, strings, temporal, nested, rows, group_by, windows, joins, concat)

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
    "operation_names",
    "select_operations",
]


def operation_names() -> list[str]:
    return [op.name for op in OPERATIONS]


def select_operations(spec: Sequence[str] | None) -> list[Operation]:
    """Operations for `--ops`: names or shell-style patterns (`join_*`), validated."""
    if not spec:
        return list(OPERATIONS)
    chosen: list[Operation] = []
    for token in spec:
        pattern = token.strip()
        matched = [op for op in OPERATIONS if fnmatchcase(op.name, pattern)]
        if not matched:
            raise unknown_choice("operation", pattern, operation_names())
        chosen.extend(op for op in matched if op not in chosen)
    return chosen
