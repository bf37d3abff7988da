"""The Markdown report: fits a CI job summary (`$GITHUB_STEP_SUMMARY`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from reports.matrix import MatrixCell

_SYMBOL = {"native": "ok", "unavailable": "n/a", "not-run": "-"}
_NOT_DISCREPANCIES = frozenset({"fallback", "unsupported"})


def _fallbacks(
    meta: Mapping[str, Any],
    matrix: Mapping[tuple[str, str], MatrixCell],
    operations: Sequence[str],
    lanes: Sequence[str],
) -> list[str]:
    """Per operation and lane, the distinct reasons its plans fall back, most frequent first."""
    rows = []
    for op in operations:
        for lane in lanes:
            reasons: Counter[str] = Counter()
            for p in matrix[op, lane].problems:
                if p["outcome"] == "fallback":
                    reasons.update(r for r in p.get("detail", "").split("; ") if r)
            if reasons:
                top = "<br>".join(f"{n}x {r.replace('|', '/')}" for r, n in reasons.most_common(5))
                rows.append(f"| {op} | {lane} | {matrix[op, lane].counts['fallback']} | {top} |")
    if not rows:
        return []
    out = ["## Engine fallbacks", ""]
    for lane, probe in meta.get("plan_probes", {}).items():
        out.append(
            f"- `{lane}`: {probe['probe']}: {probe['status']}. {probe.get('caveat', '')}".rstrip()
        )
    out += [
        "",
        "| operation | lane | plans falling back | reasons (count) |",
        "|---|---|---|---|",
        *rows,
        "",
    ]
    return out


def _cell(cell: MatrixCell) -> str:
    if cell.status in _SYMBOL:
        return (
            f"{_SYMBOL[cell.status]} ({cell.tally})"
            if cell.status == "native"
            else _SYMBOL[cell.status]
        )
    return f"**{cell.status}** {cell.tally}"


def render_markdown(
    meta: Mapping[str, Any],
    matrix: Mapping[tuple[str, str], MatrixCell],
    operations: Sequence[str],
    lanes: Sequence[str],
    reproducers: Mapping[tuple[str, str, str], Path],
) -> str:
    lines = [
        f"# Polars {meta['polars_version']} conformance",
        "",
        f"Hypothesis profile `{meta.get('hypothesis_profile')}`; variants: "
        + ", ".join(f"`{v}`" for v in meta.get("variants", [])),
        "",
        "| lane | availability |",
        "|---|---|",
        *(f"| {lane} | {reason} |" for lane, reason in meta.get("lanes", {}).items()),
        "",
        "| operation | " + " | ".join(lanes) + " |",
        "|---|" + "---|" * len(lanes),
        *(
            f"| {op} | " + " | ".join(_cell(matrix[op, lane]) for lane in lanes) + " |"
            for op in operations
        ),
        "",
    ]
    lines += _fallbacks(meta, matrix, operations, lanes)
    problems = [
        p
        for op in operations
        for lane in lanes
        for p in matrix[op, lane].problems
        if p["outcome"] not in _NOT_DISCREPANCIES or p.get("known_issue")
    ]
    if not problems:
        lines.append(
            "No discrepancy: every checked cell agreed with the in-memory, all-on baseline."
        )
        return "\n".join(lines) + "\n"
    lines += [
        "## Discrepancies",
        "",
        "| operation | lane | variant | outcome | culprit pass | known issue | reproducer |",
        "|---|---|---|---|---|---|---|",
    ]
    seen: set[tuple[str, str, str, str]] = set()
    for p in problems:
        key = (p["operation"], p["lane"], p["variant"], p["outcome"])
        if key in seen:
            continue
        seen.add(key)
        culprit = ", ".join(p.get("culprit") or []) or "-"
        repro = reproducers.get(key[:3])
        lines.append(
            f"| {key[0]} | {key[1]} | {key[2]} | {key[3]} | {culprit} | {p.get('known_issue') or '-'} | "
            + (f"`python {repro}`" if repro else "-")
            + " |"
        )
    return "\n".join(lines) + "\n"
