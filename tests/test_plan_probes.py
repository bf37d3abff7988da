"""Plan probes read fallbacks from the streaming physical plan (and GPU translation, elsewhere)."""

from __future__ import annotations

import polars as pl
import pytest

from conformance.engines.passes import BASELINE, all_variants
from conformance.engines.plans import STREAMING_PLAN, parse_streaming_graph, streaming_findings

GRAPH = """digraph polars {
label=<<B>Legend</B><BR/>◯ streaming engine node <FONT COLOR="0.5 0.5 0.5">⬤</FONT> potentially memory-intensive node <FONT COLOR="0.9 0.1 0.1">⬤</FONT> in-memory engine fallback>
3 [label="sort\\nk = col(\\"k\\")",style=filled,fillcolor="0.5 0.5 0.5"];
2 [label="in-memory-map\\nUNIQUE[keep: last]",style=filled,fillcolor="0.9 0.1 0.1"];
1 [label="select\\nk"];
}"""


def test_graph_colours_are_read_from_its_legend() -> None:
    found = parse_streaming_graph(GRAPH)
    assert found.fallbacks == ("in-memory-map UNIQUE[keep: last]",)
    assert found.notes == ('sort k = col("k")',)
    swapped = GRAPH.replace(
        '"0.5 0.5 0.5">⬤</FONT> potentially', '"0.9 0.1 0.1">⬤</FONT> potentially', 1
    )
    swapped = swapped.replace(
        '"0.9 0.1 0.1">⬤</FONT> in-memory', '"0.5 0.5 0.5">⬤</FONT> in-memory', 1
    )
    assert parse_streaming_graph(swapped).fallbacks == (
        'sort k = col("k")',
        "in-memory-map UNIQUE[keep: last]",
    )


@pytest.mark.skipif(
    STREAMING_PLAN.unavailable_reason() is not None, reason=str(STREAMING_PLAN.unavailable_reason())
)
def test_streaming_probe_on_real_plans() -> None:
    lf = pl.LazyFrame({"a": [3, 1, 2], "k": [1, 1, 2]})
    assert streaming_findings(lf.filter(pl.col("a") > 1).select("a"), BASELINE).fallbacks == ()
    udf = lf.select(pl.col("a").map_batches(lambda s: s.reverse(), return_dtype=pl.Int64))
    for variant in all_variants():  # a whole-column Python UDF cannot stream, whatever the passes
        assert streaming_findings(udf, variant).fallbacks, variant.name


def test_a_plan_probe_that_panics_is_a_panic_cell_not_a_framework_error() -> None:
    """Reading a plan runs Polars' optimizer, which may panic: that is a finding on the lane."""
    from polars.exceptions import PanicException

    from conformance.engines.lanes import Lane
    from conformance.engines.plans import PlanProbe
    from conformance.judge.harness import probe_plans
    from reports.outcomes import Outcome

    def inspect(lf: pl.LazyFrame, variant: object) -> object:
        raise PanicException("called `Option::unwrap()` on a `None` value")

    probe = PlanProbe("planted", lambda: None, inspect)  # type: ignore[arg-type]
    lane = Lane("planted", "None", lambda: None, lambda lf, v, t: lf.collect(), probe=probe)
    (cell,) = probe_plans(lambda lf: lf, [pl.DataFrame({"a": [1]})], lane, [BASELINE])
    assert cell.outcome is Outcome.PANIC
    assert cell.detail.startswith("panicked: called `Option::unwrap()` on a `None` value")
