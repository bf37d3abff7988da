"""`--ops`: one namespace for everything the suite checks (catalog operations, properties, and
generated multi-step pipelines, the single check named `pipeline`, and typed generated queries,
the single check named `query`).

A token is a name or a shell-style pattern (`join_*`, `oracle.*`); one that matches nothing is an
error naming every valid choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

from conformance.catalog import OPERATIONS, Operation
from conformance.errors import unknown_choice
from conformance.properties import PROPERTIES, Property

PIPELINE = "pipeline"  # generated multi-step queries (conformance/test_pipelines.py)
QUERY = "query"  # typed generated queries over the whole API (conformance/test_queries.py)
# The generated-query check composes the whole API and draws a new query in each example, where a
# catalog check repeats one shape: it runs as this many test items, each with its own share of the
# budget and its own Hypothesis database key. Measured on 2.1.0: alone for 3 minutes on one core it
# met 10 registered discrepancies, where a whole 10-minute run that gave it one item's 8 s met 25.
# As 32 items it took 24% to 54% of four 10-minute runs (an item that finds something may shrink
# and run an example for at least MIN_SHRINK_S and MIN_EXAMPLE_S), which starved the catalog.
QUERY_ITEMS = 16


@dataclass(frozen=True)
class Checks:
    operations: list[Operation]
    properties: list[Property]
    pipelines: bool = False
    queries: bool = False

    @property
    def names(self) -> list[str]:
        return (
            [op.name for op in self.operations]
            + [p.name for p in self.properties]
            + ([PIPELINE] if self.pipelines else [])
            + ([QUERY] if self.queries else [])
        )


def check_names() -> list[str]:
    return [op.name for op in OPERATIONS] + [p.name for p in PROPERTIES] + [PIPELINE, QUERY]


def select_checks(spec: Sequence[str] | None) -> Checks:
    """The operations and properties `--ops` names (all of them when not given)."""
    if not spec:
        return Checks(list(OPERATIONS), list(PROPERTIES), pipelines=True, queries=True)
    operations: list[Operation] = []
    properties: list[Property] = []
    pipelines = queries = False
    for token in spec:
        pattern = token.strip()
        ops = [op for op in OPERATIONS if fnmatchcase(op.name, pattern)]
        props = [p for p in PROPERTIES if fnmatchcase(p.name, pattern)]
        pipeline = fnmatchcase(PIPELINE, pattern)
        query = fnmatchcase(QUERY, pattern)
        if not ops and not props and not pipeline and not query:
            raise unknown_choice("operation", pattern, check_names())
        operations.extend(op for op in ops if op not in operations)
        properties.extend(p for p in props if p not in properties)
        pipelines = pipelines or pipeline
        queries = queries or query
    return Checks(operations, properties, pipelines, queries)
