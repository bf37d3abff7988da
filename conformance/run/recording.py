"""Turn checked cells into records: the one place a test module hands its results to `reports`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

import polars as pl

from conformance.engines.lanes import LANES
from conformance.engines.passes import all_variants
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


def death_script(reproduce: Mapping[str, Any], step: str, lane: str, variant: str | None) -> Any:
    """The script spec of a cell that hung or crashed its checking process, where the step it died
    in ran a lane's query (`running on <lane>, <variant>`) of a differential check; else None."""
    lanes = {candidate.name: candidate for candidate in LANES}
    variants = {candidate.name: candidate for candidate in all_variants()}
    rules = reproduce.get("rules")
    if (
        rules is None
        or "query" not in reproduce
        or not step.startswith("running on ")
        or lane not in lanes
        or variant not in variants
    ):
        return None
    return script_spec(lanes[lane], variants[variant], Rules.from_dict(rules))


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
) -> None:
    """One record per cell; a failing one carries its input and query code for replay.

    `culprits` and `known` are keyed by the cell's (lane, variant).

    With the comparison `rules` of a differential check, a failing record also carries the script
    spec its standalone reproducer is written from (`conformance.run.reproduce_spec`), so reports need
    nothing but the record.
    """
    inputs = encode_frames(frames) if any(c.outcome.is_failure for c in cells) else []
    lanes = {lane.name: lane for lane in LANES}
    variants = {v.name: v for v in all_variants()}
    for cell in cells:
        reproduce: dict = {"pytest": cell_command(command, cell.lane, cell.variant)}
        if cell.outcome.is_failure:
            if query is not None:
                reproduce["query"] = query
            reproduce["inputs"] = inputs
            lane, variant = lanes.get(cell.lane), variants.get(cell.variant)
            if cell.script is not None:
                reproduce["script"] = cell.script
            elif rules is not None and lane is not None and variant is not None:
                reproduce["script"] = script_spec(lane, variant, rules)
                if cell.outcome is Outcome.TIMEOUT:  # its reproducer waits as long as the suite did
                    reproduce["script"]["limit_s"] = max(round(cell.duration_s), 1)
        writer.write(
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
