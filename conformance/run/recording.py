"""Turn checked cells into records: the one place a test module hands its results to `reports`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

import polars as pl

from conformance.engines.lanes import LANES, Lane
from conformance.engines.passes import Variant, all_variants
from conformance.judge.compare import Rules
from conformance.judge.harness import Cell
from conformance.run.reproduce_spec import script_spec
from conformance.version import POLARS_VERSION_STRING
from reports.outcomes import Outcome
from reports.records import Record, RecordWriter, encode_frames


def pending_record(
    check: str,
    frames: Sequence[pl.DataFrame],
    source: Callable[[], str],
    command: str,
    rules: Rules | None = None,
) -> dict[str, Any]:
    """The record of an example that is about to run, written by the supervisor if it dies.

    Its lane (the one announced last), outcome, variant and detail are the supervisor's to fill
    in (a timeout or a crash), and its command gets the lane's `--engines`. A differential
    check's comparison `rules` ride along, so the supervisor can give the record the lane's
    reproducer script (`death_script`).
    """
    record = asdict(
        Record(
            operation=check,
            lane="",
            variant="*",
            outcome="",
            polars_version=POLARS_VERSION_STRING,
            duration_s=0.0,
            test_id="",
            reproduce={"pytest": command, "query": source(), "inputs": encode_frames(frames)},
        )
    )
    if rules is not None:
        record["reproduce"]["rules"] = asdict(rules)
    return record


@functools.cache
def _by_name() -> tuple[dict[str, Lane], dict[str, Variant]]:
    """Every lane and every variant by name (read once: `lane_script` runs per failing cell)."""
    return {lane.name: lane for lane in LANES}, {v.name: v for v in all_variants()}


def lane_script(
    lane: str, variant: str, rules: Rules, limit_s: float | None = None
) -> dict[str, Any] | None:
    """The `differential` script spec of a cell on `lane` under `variant` (None where either is
    not one of this run's); `limit_s` where the cell hung or killed its process: its reproducer
    gives the candidate as long as the suite did (`reports.reproducer`)."""
    lanes, variants = _by_name()
    if lane not in lanes or variant not in variants:
        return None
    spec = script_spec(lanes[lane], variants[variant], rules)
    if limit_s is not None:
        spec["limit_s"] = max(round(limit_s), 1)
    return spec


def death_script(
    reproduce: Mapping[str, Any], step: str, lane: str, variant: str | None, limit_s: float
) -> dict[str, Any] | None:
    """The script spec of a cell that hung or killed its checking process, where the step it died
    in ran that lane's query (`running on <lane>, <variant>`; the baseline's own step names the
    in-memory lane) of a differential check; else None."""
    rules = reproduce.get("rules")
    if rules is None or "query" not in reproduce or step != f"running on {lane}, {variant}":
        return None
    return lane_script(lane, str(variant), Rules.from_dict(rules), limit_s)


def cell_command(command: str, lane: str, variant: str = "*") -> str:
    """The pytest command that re-runs one cell: its test item on its lane (and variant)."""
    command = f"{command} --engines={lane}"
    if variant.startswith("-") or variant == "none":
        command += f" --passes={variant.removeprefix('-')}"
    return command


def write_cells(
    writer: RecordWriter,
    check: str,
    cells: Sequence[Cell],
    frames: Sequence[pl.DataFrame],
    command: str,
    query: str | None = None,
    culprits: Mapping[tuple[str, str], tuple[str, ...] | None] | None = None,
    known: Mapping[tuple[str, str], str] | None = None,
    rules: Rules | None = None,
    inputs: list[dict[str, Any]] | None = None,
) -> None:
    """One record per cell; a failing one carries its input and query code for replay.

    `culprits` and `known` are keyed by the cell's (lane, variant). `inputs` are `frames` as
    `encode_frames` wrote them, where the caller has them already (an example's pending record).

    With the comparison `rules` of a differential check, a failing record also carries the script
    spec its standalone reproducer is written from (`conformance.run.reproduce_spec`), so reports need
    nothing but the record.
    """
    if inputs is None:
        inputs = encode_frames(frames) if any(c.outcome.is_failure for c in cells) else []
    records = []
    for cell in cells:
        reproduce: dict = {"pytest": cell_command(command, cell.lane, cell.variant)}
        if cell.outcome.is_failure:
            if query is not None:
                reproduce["query"] = query
            reproduce["inputs"] = inputs
            if cell.script is not None:
                reproduce["script"] = cell.script
            elif rules is not None:
                # a timeout's reproducer waits as long as the suite did
                limit = cell.duration_s if cell.outcome is Outcome.TIMEOUT else None
                script = lane_script(cell.lane, cell.variant, rules, limit)
                if script is not None:
                    reproduce["script"] = script
        records.append(
            Record(
                operation=check,
                lane=cell.lane,
                variant=cell.variant,
                outcome=cell.outcome.value,
                polars_version=POLARS_VERSION_STRING,
                duration_s=round(cell.duration_s, 6),
                test_id=f"{check}-{cell.lane}",
                detail=cell.detail[:4000],
                reproduce=reproduce,
                culprit=list(c) if (c := (culprits or {}).get((cell.lane, cell.variant))) else None,
                known_issue=(known or {}).get((cell.lane, cell.variant)),
                plan_notes=list(cell.notes) or None,
                verdict=cell.verdict,
            )
        )
    writer.write_all(records)
