"""Plan probes: read, without running a query, whether an engine would run its plan natively.

- Streaming: the physical plan (`show_graph(engine="streaming", plan_stage="physical")`) marks
  nodes that fall back to the in-memory engine and nodes that are potentially memory-intensive.
  Which colour means which is read from the graph's own legend, not assumed.
- GPU: cudf-polars' translator lists why a plan would fall back to the CPU; it needs no GPU
  (`conformance.engines.gpu_translation`).
Both inspect the plan as the variant optimizes it, since that is the plan the lane really runs.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import polars as pl

from conformance.engines.passes import Variant
from conformance.version import POLARS_VERSION_STRING


@dataclass(frozen=True)
class PlanFindings:
    fallbacks: tuple[str, ...]  # why (parts of) the plan would not run natively; empty: native
    notes: tuple[str, ...] = ()  # e.g. potentially memory-intensive nodes


@dataclass(frozen=True)
class PlanProbe:
    name: str
    _check: Callable[[], str | None] = field(repr=False)
    _inspect: Callable[[pl.LazyFrame, Variant], PlanFindings] = field(repr=False)
    caveat: str = ""

    def unavailable_reason(self) -> str | None:
        return self._check()

    def inspect(self, lf: pl.LazyFrame, variant: Variant) -> PlanFindings:
        return self._inspect(lf, variant)


# --- streaming physical plan ---------------------------------------------------------------------

_NODE = re.compile(r'\[label="((?:[^"\\]|\\.)*)"(?:,style=filled,fillcolor="([^"]+)")?\]')
_LEGEND = re.compile(r'<FONT COLOR="([^"]+)">[^<]*</FONT>\s*([^<]+)')


@cache
def _streaming_check() -> str | None:
    params = inspect.signature(pl.LazyFrame.show_graph).parameters
    if "plan_stage" not in params or "optimizations" not in params:
        return f"Polars {POLARS_VERSION_STRING}: show_graph has no physical streaming plan"
    return None


def _node_text(label: str) -> str:
    return label.replace("\\n", " ").replace('\\"', '"').strip()


def streaming_findings(lf: pl.LazyFrame, variant: Variant) -> PlanFindings:
    graph = lf.show_graph(
        engine="streaming",
        plan_stage="physical",
        raw_output=True,
        show=False,
        **variant.collect_kwargs(),
    )
    assert isinstance(graph, str)
    return parse_streaming_graph(graph)


def parse_streaming_graph(graph: str) -> PlanFindings:
    """Fallback and memory-intensive nodes of a physical-plan graph, by its legend's colours."""
    meaning = {colour: text.strip().lower() for colour, text in _LEGEND.findall(graph)}
    fallbacks, heavy = [], []
    for label, colour in _NODE.findall(graph):
        kind = meaning.get(colour, "")
        if "fallback" in kind or label.startswith("in-memory-map"):
            fallbacks.append(_node_text(label))
        elif "memory-intensive" in kind:
            heavy.append(_node_text(label))
    return PlanFindings(tuple(dict.fromkeys(fallbacks)), tuple(dict.fromkeys(heavy)))


STREAMING_PLAN = PlanProbe("streaming physical plan", _streaming_check, streaming_findings)


# --- GPU translation -----------------------------------------------------------------------------


@cache
def _gpu_check() -> str | None:
    from conformance.engines.gpu_translation import translation_unavailable_reason

    return translation_unavailable_reason()


def _gpu_findings(lf: pl.LazyFrame, variant: Variant) -> PlanFindings:
    from conformance.engines.gpu_translation import gpu_fallback_reasons

    return PlanFindings(tuple(gpu_fallback_reasons(lf, variant)))


GPU_TRANSLATION = PlanProbe(
    "cudf-polars translation",
    _gpu_check,
    _gpu_findings,
    caveat="translation may stop at the first unsupported node of a subtree, so a plan can hold "
    "more unsupported parts than its reasons list",
)
