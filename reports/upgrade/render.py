"""The upgrade reports: `upgrade.json`, `upgrade.md` (fits a CI job summary) and `upgrade.html`.

All three lead with the unexpected changes, grouped by shape (kind, check, lane, and each side's
description with values masked), each group with its cases, variants and a reproducer; then the
intended changes by the rule that explains them; then timing changes beyond noise, per check and
lane; then what could not be compared.
"""

from __future__ import annotations

import html
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from reports.upgrade.classify import ordered
from reports.upgrade.diff import KINDS, Change, Diff

LIMIT_BYTES = 1024 * 1024  # GitHub's job-summary limit
_BUDGET = LIMIT_BYTES - 64 * 1024
_MAX_GROUPS = 60
_MAX_DETAILED = 15
_MAX_ROWS = 200
_MAX_NAMES = 6
_PREVIEW_CHARS = 1200


def groups(changes: Sequence[Change]) -> list[list[Change]]:
    """Changes of the same shape and classification together (a documented change and an
    unexpected one of the same shape are two groups), unexpected first, then by kind, largest
    first."""
    by_group: dict[tuple, list[Change]] = defaultdict(list)
    for change in ordered(changes):
        by_group[(change.classification, *change.group)].append(change)
    kinds = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(
        by_group.values(),
        key=lambda g: (g[0].classification != "unexpected", kinds[g[0].kind], -len(g)),
    )


def _names(names: Sequence[str]) -> str:
    unique = list(dict.fromkeys(names))
    shown = ", ".join(unique[:_MAX_NAMES])
    more = len(unique) - _MAX_NAMES
    return f"{shown} (+{more} more)" if more > 0 else shown


def _variants(group: Sequence[Change]) -> list[str]:
    return list(dict.fromkeys(v for c in group for v in c.variants))


def _preview(record: Mapping[str, Any]) -> str:
    answer = (record.get("reproduce") or {}).get("answer") or {}
    text = answer.get("preview") or record.get("detail") or ""
    return text[:_PREVIEW_CHARS]


def counts(diff: Diff) -> dict[str, dict[str, int]]:
    """Changes per kind and classification."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for change in diff.changes:
        table[change.kind][change.classification] += 1
    return {kind: dict(table[kind]) for kind in KINDS if kind in table}


def timing_summary(diff: Diff) -> list[dict[str, Any]]:
    """Per check and lane: cases slower and faster beyond noise, their geometric mean ratio."""
    by_cell: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for change in diff.changes:
        if change.kind == "timing" and change.ratio:
            by_cell[change.check, change.lane].append(change)
    rows = []
    for (check, lane), changes in sorted(by_cell.items()):
        ratios = [c.ratio for c in changes if c.ratio]
        worst = max(changes, key=lambda c: abs(math.log(c.ratio or 1.0)))
        rows.append(
            {
                "check": check,
                "lane": lane,
                "slower": sum(r > 1 for r in ratios),
                "faster": sum(r < 1 for r in ratios),
                "geometric_mean_ratio": round(math.exp(statistics.fmean(map(math.log, ratios))), 3),
                "worst_case": worst.case,
                "worst_ratio": worst.ratio,
            }
        )
    return rows


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "classification": change.classification,
        "rule": change.rule,
        "case": change.case,
        "check": change.check,
        "lane": change.lane,
        "variants": change.variants,
        "old": change.old,
        "new": change.new,
        "old_outcome": change.old_record.get("outcome"),
        "new_outcome": change.new_record.get("outcome"),
        "old_known_issue": change.old_record.get("known_issue"),
        "new_known_issue": change.new_record.get("known_issue"),
        "ratio": change.ratio,
        "reproducer": change.reproducer,
    }


def render_json(diff: Diff) -> dict[str, Any]:
    """The machine form: every change (unexpected first), the counts, what was not comparable."""
    return {
        "from": diff.old_version,
        "to": diff.new_version,
        "cases": diff.cases,
        "compared_cells": diff.compared_cells,
        "counts": counts(diff),
        "changes": [_change_json(c) for c in ordered(diff.changes)],
        "timing": timing_summary(diff),
        "not_comparable": diff.not_comparable,
    }


def _method(diff: Diff) -> str:
    up = diff.old_results["upgrade"]
    return (
        f"{diff.cases} cases drawn once on Polars {up['drawn_on']} (seed {up['seed']}, up to "
        f"{up['examples']} per check) and replayed on both releases; {diff.compared_cells} cells "
        "(case x lane x variant, and plan probes) compared. Timings: each case's all-on query per "
        "engine lane, run on the two releases alternately in one session, repeated."
    )


# --- Markdown ------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_group(number: int, group: Sequence[Change], diff: Diff) -> list[str]:
    first = group[0]
    kind = first.kind
    if kind == "timing":
        kind += f" ({first.group[4]}, x{first.ratio} in {first.case})"
    lines = [
        f"### {number}. {kind}: {first.check} on {first.lane}",
        "",
        f"- Polars {diff.old_version}: `{_cell(first.old)[:400]}`",
        f"- Polars {diff.new_version}: `{_cell(first.new)[:400]}`",
        f"- cases ({len(group)}): {_names([c.case for c in group])}; "
        f"variants: {_names(_variants(group))}",
    ]
    if first.reproducer:
        lines.append(
            f"- reproducer: [{first.reproducer}]({first.reproducer}) "
            "(runs on either release, prints both answers)"
        )
    if first.kind in ("value", "schema", "result-error", "error") and number <= _MAX_DETAILED:
        lines += [
            "",
            "<details><summary>both answers</summary>",
            "",
            f"Polars {diff.old_version}:",
            "```",
            _preview(first.old_record),
            "```",
            f"Polars {diff.new_version}:",
            "```",
            _preview(first.new_record),
            "```",
            "</details>",
        ]
    return [*lines, ""]


def _md_intended(diff: Diff) -> list[str]:
    by_rule: dict[str, list[Change]] = defaultdict(list)
    for change in diff.changes:
        if change.classification == "intended" and change.rule:
            by_rule[change.rule["id"]].append(change)
    if not by_rule:
        return []
    rows = []
    for rule_id, changes in sorted(by_rule.items(), key=lambda kv: -len(kv[1])):
        rule = changes[0].rule or {}
        rows.append(
            f"| {rule_id} | {len(changes)} | {_names(sorted({c.kind for c in changes}))} | "
            f"{_names([c.check for c in changes])} | {_cell(rule.get('reason', ''))[:300]} | "
            f"[source]({rule.get('url', '')}) |"
        )
    return [
        f"## Intended changes: {sum(map(len, by_rule.values()))}",
        "",
        "| rule | changes | kinds | checks | documented change | cited |",
        "|---|---|---|---|---|---|",
        *rows[:_MAX_ROWS],
        "",
    ]


def _md_timing(diff: Diff) -> list[str]:
    rows = timing_summary(diff)
    if not rows:
        return []
    return [
        "## Timing changes beyond noise",
        "",
        "Per check and lane: cases whose all-on time changed by the threshold ratio or more, "
        "with the repeats' ranges apart (both releases timed alternately in one session).",
        "",
        "| check | lane | slower | faster | geometric mean new/old | most changed case |",
        "|---|---|---|---|---|---|",
        *(
            f"| {r['check']} | {r['lane']} | {r['slower']} | {r['faster']} | "
            f"x{r['geometric_mean_ratio']} | {r['worst_case']} (x{r['worst_ratio']}) |"
            for r in rows[:_MAX_ROWS]
        ),
        "",
    ]


def _md_not_comparable(diff: Diff) -> list[str]:
    if not diff.not_comparable:
        return []
    names: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for row in diff.not_comparable:
        names[row["what"], row["release"], row["reason"]].append(row["name"])
    rows = [
        f"| {what} | {release} | {_cell(_names(found))} | {_cell(reason)[:300]} |"
        for (what, release, reason), found in sorted(names.items())
    ]
    return [
        "## Not comparable",
        "",
        "What only one release could run (lanes, optimizer variants, checks), by reason.",
        "",
        "| what | missing on | which | reason |",
        "|---|---|---|---|",
        *rows[:_MAX_ROWS],
        "",
    ]


def render_markdown(diff: Diff) -> str:
    """The Markdown report; kept under GitHub's 1 MiB job-summary limit."""
    all_groups = groups(diff.changes)
    unexpected = [g for g in all_groups if g[0].classification == "unexpected"]
    head = [
        f"# Polars upgrade: {diff.old_version} -> {diff.new_version}",
        "",
        _method(diff),
        "",
        f"**{sum(map(len, unexpected))} unexpected change(s)** in {len(unexpected)} group(s); "
        f"{sum(c.classification == 'intended' for c in diff.changes)} intended.",
        "",
        "| kind | unexpected | intended |",
        "|---|---|---|",
        *(
            f"| {kind} | {n.get('unexpected', 0)} | {n.get('intended', 0)} |"
            for kind, n in counts(diff).items()
        ),
        "",
    ]
    body: list[str] = []
    if unexpected:
        body += [f"## Unexpected changes: {sum(map(len, unexpected))}", ""]
        for number, group in enumerate(unexpected[:_MAX_GROUPS], 1):
            body += _md_group(number, group, diff)
        if len(unexpected) > _MAX_GROUPS:
            body += [f"... and {len(unexpected) - _MAX_GROUPS} more groups (upgrade.json)", ""]
    tail = _md_intended(diff) + _md_timing(diff) + _md_not_comparable(diff)
    lines = head + body + tail
    while len("\n".join(lines).encode()) > _BUDGET and body:
        cut = "... (cut to fit the job-summary limit; see upgrade.json)"
        body = [*body[: len(body) // 2], "", cut, ""]
        lines = head + body + tail
    return "\n".join(lines) + "\n"


# --- HTML ----------------------------------------------------------------------------------------

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #f4f4f4; }
pre { background: #f8f8f8; padding: 6px; overflow-x: auto; max-width: 70em; }
.unexpected { color: #b71c1c; font-weight: bold; }
.intended { color: #2e7d32; }
code { font-size: 90%; }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _html_group(number: int, group: Sequence[Change], diff: Diff) -> str:
    first = group[0]
    repro = (
        f'<a href="{_e(first.reproducer)}">{_e(first.reproducer)}</a>' if first.reproducer else "-"
    )
    rule = first.rule or {}
    why = (
        f'<a href="{_e(rule.get("url", ""))}">{_e(rule.get("id", ""))}</a>: {_e(rule.get("reason", ""))}'
        if rule
        else "no documented change matches"
    )
    answers = (
        f"<details><summary>both answers</summary><p>Polars {_e(diff.old_version)}:</p>"
        f"<pre>{_e(_preview(first.old_record))}</pre><p>Polars {_e(diff.new_version)}:</p>"
        f"<pre>{_e(_preview(first.new_record))}</pre></details>"
    )
    return (
        f"<tr><td>{number}</td><td class='{first.classification}'>{first.classification}</td>"
        f"<td>{_e(first.kind)}</td><td>{_e(first.check)}</td><td>{_e(first.lane)}</td>"
        f"<td><code>{_e(first.old)}</code></td><td><code>{_e(first.new)}</code>{answers}</td>"
        f"<td>{len(group)}: {_e(_names([c.case for c in group]))}</td>"
        f"<td>{_e(_names(_variants(group)))}</td><td>{why}</td><td>{repro}</td></tr>"
    )


def render_html(diff: Diff) -> str:
    """One self-contained page: every group of changes, the timing table, what was not compared."""
    all_groups = groups(diff.changes)
    rows = "".join(_html_group(i, g, diff) for i, g in enumerate(all_groups, 1))
    count_rows = "".join(
        f"<tr><td>{_e(kind)}</td><td>{n.get('unexpected', 0)}</td><td>{n.get('intended', 0)}</td></tr>"
        for kind, n in counts(diff).items()
    )
    timing_rows = "".join(
        f"<tr><td>{_e(r['check'])}</td><td>{_e(r['lane'])}</td><td>{r['slower']}</td>"
        f"<td>{r['faster']}</td><td>x{r['geometric_mean_ratio']}</td>"
        f"<td>{_e(r['worst_case'])} (x{r['worst_ratio']})</td></tr>"
        for r in timing_summary(diff)
    )
    missing_rows = "".join(
        f"<tr><td>{_e(r['what'])}</td><td>{_e(r['name'])}</td><td>{_e(r['release'])}</td>"
        f"<td>{_e(r['reason'])}</td></tr>"
        for r in diff.not_comparable
    )
    title = f"Polars upgrade: {diff.old_version} -> {diff.new_version}"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>
<style>{_STYLE}</style></head><body>
<h1>{_e(title)}</h1>
<p>{_e(_method(diff))}</p>
<table><thead><tr><th>kind</th><th>unexpected</th><th>intended</th></tr></thead>
<tbody>{count_rows}</tbody></table>
<h2>Changes ({len(diff.changes)} in {len(all_groups)} groups; unexpected first)</h2>
<table><thead><tr><th>#</th><th>class</th><th>kind</th><th>check</th><th>lane</th>
<th>Polars {_e(diff.old_version)}</th><th>Polars {_e(diff.new_version)}</th><th>cases</th>
<th>variants</th><th>documented change</th><th>reproducer</th></tr></thead>
<tbody>{rows}</tbody></table>
<h2>Timing changes beyond noise</h2>
<table><thead><tr><th>check</th><th>lane</th><th>slower</th><th>faster</th>
<th>geometric mean new/old</th><th>most changed case</th></tr></thead>
<tbody>{timing_rows}</tbody></table>
<h2>Not comparable</h2>
<table><thead><tr><th>what</th><th>name</th><th>missing on</th><th>reason</th></tr></thead>
<tbody>{missing_rows}</tbody></table>
</body></html>
"""
