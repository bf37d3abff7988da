"""What a failing record carries so that a standalone reproducer can be written from it alone.

Reports are rendered from `results.json` without importing `conformance`, so everything a
reproducer needs from the lanes, the variants and the comparison rules is put into the record here,
as plain JSON: code strings and names. The format is described in `reports.reproducer`.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

import polars as pl

from conformance.engines.lanes import Lane
from conformance.engines.output_modes import adjustment_code
from conformance.engines.passes import Variant
from conformance.engines.sources import Source
from conformance.judge import compare
from conformance.judge.compare import Rules
from conformance.source import query_source
from reports.records import encode_frames

_ROW_SORTING = (compare._canonical, compare.row_key, compare._sort_rows, compare._sort_pair)


def script_spec(lane: Lane, variant: Variant, rules: Rules) -> dict[str, Any]:
    """The `differential` script spec: run `plan()` on the baseline and on `lane` with `variant`.

    Mirrors the harness: the baseline is the in-memory engine with every pass on; an output-mode
    lane runs its mode's function (embedded verbatim) and adjusts the baseline as its comparison
    does; a source lane's candidate reads its inputs back through the source's function (embedded
    verbatim); order-free rules sort both frames' rows with the suite's own helpers. A
    nondeterministic lane's candidate runs up to `repeat` times.
    """
    helpers = [] if rules.ordered else [inspect.getsource(fn) for fn in _ROW_SORTING]
    mode = lane.output_mode
    if mode is None:
        kwargs = ", ".join(filter(None, [f"engine={lane.engine_code}", variant.code()]))
        candidate, adjust = f"{'source_plan' if lane.source else 'plan'}().collect({kwargs})", ""
        if lane.source is not None:
            helpers.append(_source_plan(lane.source))
    else:
        helpers.append(query_source(mode.function).removeprefix("query = "))
        candidate, adjust = (
            f"{mode.function.__code__.co_name}(plan())",
            adjustment_code(mode, rules),
        )
    options = ", ".join(f"{k}={v!r}" for k, v in rules.assert_options().items())
    sort = "" if rules.ordered else "expected, got = _sort_pair(expected, got)\n"
    return {
        "kind": "differential",
        "env": dict(lane.env),
        "imports": [] if rules.ordered else ["math"],
        "helpers": "\n\n".join(helpers),
        "baseline": 'plan().collect(engine="in-memory")',
        "candidate": candidate,
        "adjust": adjust,
        "compare": f"{sort}assert_frame_equal(expected, got, {options})\n",
        "repeat": lane.repeat,
    }


def _source_plan(source: Source) -> str:
    """`source_plan()`: the query on its inputs written by `source` and scanned back."""
    call = source.call_code("inputs", "tempfile.mkdtemp(dir=_files.name)")
    return (
        "import os\nimport tempfile\nfrom collections.abc import Sequence\n\n\n"
        f"{source.code()}\n\n"
        "_files = tempfile.TemporaryDirectory()  # removed when the script ends\n\n\n"
        f"def source_plan():\n    return query(*{call})\n"
    )


def reproduce_fields(
    query: str, frames: Sequence[pl.DataFrame], lane: Lane, variant: Variant, rules: Rules
) -> dict[str, Any]:
    """A failing record's `reproduce` entries: the query's code, its input, the script spec."""
    return {
        "query": query,
        "inputs": encode_frames(frames),
        "script": script_spec(lane, variant, rules),
    }
