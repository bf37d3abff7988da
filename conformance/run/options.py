"""The run's options, validated once into a `Selection`: what runs, where, and how strictly.

The pytest process and its supervised checking process build the same selection from the same
plain options, so both agree on lanes, variants and the known-issue registry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.catalog import OPERATIONS, Operation
from conformance.engines.lanes import Lane, select_lanes
from conformance.engines.passes import Variant, select_variants
from conformance.judge.known_issues import KnownIssue, load_registry
from conformance.properties import PROPERTIES, Property
from conformance.run.corpus import Case, corpus_dir, load_corpus, select_cases
from conformance.run.selection import QUERY, QUERY_ITEMS, Checks, select_checks
from conformance.run.user_queries import UserQuery, load_queries, split_ops


@dataclass(frozen=True)
class Selection:
    """What this run checks, validated once from the command line (`build_selection`)."""

    operations: list[Operation]
    properties: list[Property]
    lanes: list[Lane]
    variants: list[Variant]
    results_dir: Path
    timeout_s: float
    worker: str
    known_issues: list[KnownIssue]
    pipelines: bool = False  # generated multi-step queries (`--ops=pipeline`)
    user_queries: list[UserQuery] = field(default_factory=list)  # `--queries`
    corpus: list[Case] = field(default_factory=list)  # saved failing cases, replayed first
    corpus_dir: Path | None = None  # where this run's failing cases are saved
    # the generated checks `--ops` selected (`pipeline`, and any other check `Checks.names` lists
    # beside the catalog's operations and properties): each one test item, on every lane
    generated: list[str] = field(default_factory=list)

    @property
    def check_names(self) -> list[str]:
        """The report's rows: operations, properties, generated checks, user queries, then the
        checks only corpus cases replay."""
        names = (
            [op.name for op in self.operations]
            + [p.name for p in self.properties]
            + self.generated
            + [q.name for q in self.user_queries]
        )
        return names + [c for c in dict.fromkeys(c.check for c in self.corpus) if c not in names]

    def checks(self) -> list[tuple[str, str, str]]:
        """Every check of the run as (kind, name its checking process is sent, report row)."""
        return (
            [("operation", op.name, op.name) for op in self.operations]
            + [("property", p.name, p.name) for p in self.properties]
            + [(name, name, name) for name in self.generated]
            + [("user", q.ref, q.name) for q in self.user_queries]
        )

    def selected(self, kind: str, name: str) -> bool:
        """Whether `--ops` selected this check: the parametrized kinds (operations, properties,
        user queries, corpus cases) hold only selected ones; a generated check is selected by
        its name."""
        return kind in PARAMETRIZED or name in self.generated

    def lanes_for(self, kind: str, name: str) -> tuple[list[Lane], dict[str, str]]:
        """The lanes one check runs on, and why it skips the others (lane -> reason)."""
        reasons: dict[str, str] = {}
        for lane in self.lanes:
            if reason := lane_skip_reason(kind, name, lane):
                reasons[lane.name] = reason
        return [lane for lane in self.lanes if lane.name not in reasons], reasons

    def budgeted(self) -> int:
        """How many test items share the run's budget: every check with a lane to run on, the
        generated-query check as its `QUERY_ITEMS` items."""
        return sum(
            QUERY_ITEMS if kind == QUERY else 1
            for kind, name, _ in self.checks()
            if self.lanes_for(kind, name)[0]
        )

    def skipped(self) -> dict[tuple[str, str], str]:
        """(check, lane) pairs that cannot run here, with the reason."""
        return {
            (row, lane): reason
            for kind, name, row in self.checks()
            for lane, reason in self.lanes_for(kind, name)[1].items()
        }


# kinds whose test items are parametrized with the selected checks only
PARAMETRIZED = ("operation", "property", "user", "corpus")


def lane_skip_reason(kind: str, name: str, lane: Lane) -> str | None:
    """Why one check skips one lane: an operation or a property by its own rules; every other
    kind (generated queries, user queries) is a query like a pipeline."""
    if kind == "operation":
        return skip_reason(next(op for op in OPERATIONS if op.name == name), lane)
    if kind == "property":
        prop = next(p for p in PROPERTIES if p.name == name)
        return not_for_properties(lane) or property_skip_reason(prop, lane)
    return pipeline_skip_reason(lane)


def skip_reason(op: Operation, lane: Lane) -> str | None:
    """Why an (operation, lane) item has nothing to check here, naming which one is missing."""
    if reason := op.unavailable_reason():
        return f"{op.name}: {reason}"
    if reason := lane.skip_reason():
        return f"{lane.name}: {reason}"
    return None


def pipeline_skip_reason(lane: Lane) -> str | None:
    """Pipelines are queries like catalog operations: a lane that can probe plans still does."""
    if reason := lane.skip_reason():
        return f"{lane.name}: {reason}"
    return None


def user_query_skip_reason(query: UserQuery, lane: Lane) -> str | None:
    """A user query is a query like a pipeline: a lane that can probe plans still does."""
    return pipeline_skip_reason(lane)


def not_for_properties(lane: Lane) -> str | None:
    """Lanes a property has nothing to check on: it runs its own queries on its own inputs."""
    if lane.output_mode:
        return "output modes are exercised by catalog operations"
    if lane.source is not None:
        return "properties build their own inputs: a source lane would repeat its engine lane"
    return None


def property_skip_reason(prop: Property, lane: Lane) -> str | None:
    """Properties run queries, so a lane that can only probe plans has nothing to give them."""
    if reason := prop.unavailable_reason():
        return f"{prop.name}: {reason}"
    if reason := lane.unavailable_reason():
        return f"{lane.name}: {reason}"
    return None


def _split(value: str | None) -> list[str] | None:
    return [v for v in value.split(",") if v.strip()] if value else None


def build_selection(options: Mapping[str, Any], worker: str) -> Selection:
    """The selection from the run's options (`ops`, `engines`, `passes`, `results_dir`,
    `cell_timeout`, and optionally `queries`, `corpus`): the pytest process and its checking
    process build it alike."""
    ops = _split(options["ops"])
    queries = load_queries(options["queries"]) if options.get("queries") else ()
    catalog_ops, user_queries = split_ops(ops, queries)
    checks = Checks([], []) if catalog_ops == [] else select_checks(catalog_ops)
    lanes = select_lanes(_split(options["engines"]))
    results_dir = Path(options["results_dir"]).resolve()
    corpus = corpus_dir(options.get("corpus"), results_dir)
    return Selection(
        operations=checks.operations,
        properties=checks.properties,
        lanes=lanes,
        variants=select_variants(_split(options["passes"])),
        results_dir=results_dir,
        timeout_s=float(options["cell_timeout"]),
        worker=worker,
        known_issues=load_registry(),
        pipelines=checks.pipelines,
        generated=[
            n
            for n in checks.names
            if n not in {op.name for op in checks.operations} | {p.name for p in checks.properties}
        ],
        user_queries=user_queries,
        corpus=select_cases(load_corpus(corpus), lanes, ops),
        corpus_dir=corpus,
    )
