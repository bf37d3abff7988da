"""A standalone reproducer per unexpected upgrade change: runs on either release, prints both answers.

Each is written through `reports.reproducer.reproducer_source` (the case's input frames as
literals, its query, the environment its lane needs), so it needs nothing but Polars. It prints
what this Polars gives, and what the results recorded for both releases, and keeps the reproducer
exit-code contract, so `nox -s bisect` can find the release that made the change:

- an answer change (value, schema, result or error): exit 1 while the answer differs from the old
  release's, 0 while it is the old answer;
- a discrepancy change: the suite's differential script (exit 1 while the lane differs from the
  in-memory baseline);
- a streaming fallback change: exit 1 while the fallback reasons differ from the old release's;
- a timing change: exit 1 while the time is nearer the new release's than the old's (the recorded
  times were measured in one session; compare on the machine that measured them).

Exit 2 means it cannot run here (an API this Polars lacks). GPU plan-probe changes get none: reading
cudf-polars' translation needs the suite.
"""

from __future__ import annotations

import inspect
import pprint
import re
import statistics
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reports.records import input_size
from reports.reproducer import reproducer_source
from reports.upgrade import answer as answer_module
from reports.upgrade.diff import (
    ANSWER_KINDS,
    DISCREPANCY_KINDS,
    FALLBACK_KINDS,
    Change,
    Diff,
    reason_text,
)

_ANSWER_HELPERS = "import hashlib\nimport math\n\n" + "\n\n".join(
    [
        f"PREVIEW_ROWS = {answer_module.PREVIEW_ROWS}\nPREVIEW_CHARS = {answer_module.PREVIEW_CHARS}"
        f"\nVALUE_ROWS = {answer_module.VALUE_ROWS}\nFLOAT32_REL = {answer_module.FLOAT32_REL}",
        *(
            inspect.getsource(fn)
            for fn in (
                answer_module.canonical_value,
                answer_module.column_values,
                answer_module.plain_value,
                answer_module.rounded,
                answer_module.close,
                answer_module.close_rows,
                answer_module.preview_text,
                answer_module.frame_answer,
                answer_module.error_answer,
                answer_module.describe,
                answer_module.change_kind,
            )
        ),
    ]
)

_MISSING_API = """\
def plan():
    return query(*(f.lazy() for f in inputs))


def missing_api(exc):  # this Polars lacks what the script calls: it cannot run here
    if isinstance(exc, (AttributeError, ImportError, NameError)):
        return True
    return isinstance(exc, TypeError) and "keyword argument" in str(exc)
"""

_ANSWER_BODY = """\
try:
    answer = frame_answer(__CANDIDATE__, ORDERED, tolerance=TOLERANCE)
except BaseException as exc:  # a panic is a BaseException
    if missing_api(exc):
        print(f"cannot run this reproducer on Polars {pl.__version__}: {exc!r}")
        sys.exit(2)
    answer = error_answer(type(exc).__name__, (str(exc).strip().splitlines() or [""])[0])
print(f"Polars {pl.__version__} (__LABEL__): {describe(answer)}")
for version, recorded in RECORDED.items():
    print(f"recorded on Polars {version}: {describe(recorded)}")
if answer["kind"] == "frame":
    print(answer["preview"])
if change_kind(RECORDED[OLD], answer):
    print(f"the change is present: the answer differs from Polars {OLD}'s")
    sys.exit(1)
print(f"the change is absent: the same answer as Polars {OLD}")
"""

_FALLBACK_BODY = """\
fallbacks = list(__FALLBACKS__)
print(f"Polars {pl.__version__} streaming plan (__LABEL__): " + ("falls back: " + "; ".join(fallbacks) if fallbacks else "runs natively"))
for version, recorded in RECORDED.items():
    print(f"recorded on Polars {version}: " + ("falls back: " + "; ".join(recorded) if recorded else "runs natively"))
# Polars numbers a plan's temporary columns anew for every plan: they are not a difference
masked = [re.sub(r"_POLARS_TMP(?:_[A-Z]+)*_\\d+", "<temporary>", r) for r in fallbacks]
if sorted(masked) != sorted(RECORDED[OLD]):
    print(f"the change is present: the plan differs from Polars {OLD}'s")
    sys.exit(1)
print(f"the change is absent: the same plan as Polars {OLD}")
"""

_TIMING_BODY = """\
import time

lazy = plan()  # built once: only collecting is timed, as in the recorded session


def plan():
    return lazy


__CANDIDATE__  # a first, untimed run: caches and threads warm up, as in the recorded session
runs = []
for _ in range(REPEATS):
    start = time.perf_counter()
    __CANDIDATE__
    runs.append(time.perf_counter() - start)
median = statistics.median(runs) * 1000
print(f"Polars {pl.__version__} (__LABEL__): median {median:.2f} ms over {REPEATS} runs")
for version, recorded in RECORDED.items():
    print(f"recorded on Polars {version}: median {recorded:.2f} ms (both in one session)")
old, new = RECORDED[OLD], RECORDED[NEW]
if (median > (old * new) ** 0.5) == (new > old):
    print(f"the change is present: nearer Polars {NEW}'s time than {OLD}'s (same machine only)")
    sys.exit(1)
print(f"the change is absent: nearer Polars {OLD}'s time (same machine only)")
"""


def _label(change: Change) -> str:
    return f"{change.lane}, {change.variants[0]}".replace('"', "'")


def _record(change: Change, diff: Diff, script: Mapping[str, Any]) -> dict[str, Any]:
    """A record for `reports.reproducer.reproducer_source`: the case, the change, a script."""
    case = diff.case(change.case)
    return {
        "operation": change.check,
        "lane": change.lane,
        "variant": change.variants[0],
        "outcome": change.kind,
        "detail": f"Polars {diff.old_version}: {change.old}\nPolars {diff.new_version}: {change.new}",
        "polars_version": f"{diff.old_version} and {diff.new_version} (case {change.case})",
        "reproduce": {"query": case["query"], "inputs": case["inputs"], "script": script},
    }


def _recorded(change: Change, diff: Diff, value: Any) -> str:
    """`RECORDED`, `OLD` and `NEW` as source: what each release gave."""
    recorded = {
        diff.old_version: value(change.old_record),
        diff.new_version: value(change.new_record),
    }
    # Python source, not JSON (null, true): answers hold values of every kind
    return (
        f"RECORDED = {pprint.pformat(recorded, width=100, sort_dicts=False)}\n"
        f"OLD, NEW = {diff.old_version!r}, {diff.new_version!r}\n"
    )


def _code(spec: Mapping[str, Any], body: str, *parts: str) -> dict[str, Any]:
    helpers = spec.get("helpers") or ""
    return {
        "kind": "code",
        "env": spec.get("env") or {},
        "imports": [*spec.get("imports", []), "re", "statistics"],
        "body": "\n\n".join(p.strip("\n") for p in (*parts, helpers, _MISSING_API, body) if p),
    }


def reproducer_text(change: Change, diff: Diff) -> str | None:
    """The reproducer of one change, or None where there is no standalone way to show it."""
    key = change.old_record.get("reproduce", {}).get("script")
    spec = diff.old_results["upgrade"].get("scripts", {}).get(key)
    if spec is None:
        return None
    label = _label(change)
    rules = diff.case(change.case)["rules"]
    ordered = rules["ordered"]
    tolerance = rules.get("tolerance")
    within = [tolerance["rel"], tolerance["abs"]] if tolerance else None
    if change.kind in DISCREPANCY_KINDS:
        recorded = "\n".join(
            f"print({f'recorded on Polars {version}: {side}'!r})"
            for version, side in ((diff.old_version, change.old), (diff.new_version, change.new))
        )
        script = {**spec, "helpers": "\n\n".join(filter(None, [recorded, spec.get("helpers")]))}
        script.pop("probe", None)
        return reproducer_source(_record(change, diff, script))
    if change.kind in ANSWER_KINDS or change.kind == "support":
        body = _ANSWER_BODY.replace("__CANDIDATE__", spec["candidate"]).replace("__LABEL__", label)
        recorded = _recorded(change, diff, lambda r: r["reproduce"]["answer"])
        constants = f"ORDERED = {ordered!r}\nTOLERANCE = {within!r}  # the operation's [rel, abs]"
        script = _code(spec, body, _ANSWER_HELPERS, recorded, constants)
        return reproducer_source(_record(change, diff, script))
    if change.kind in FALLBACK_KINDS and "probe" in spec:
        probe = spec["probe"]
        body = _FALLBACK_BODY.replace("__FALLBACKS__", probe["fallbacks"]).replace(
            "__LABEL__", label
        )

        def reasons(record: Mapping[str, Any]) -> list[str]:
            detail = reason_text(record)
            return detail.split("; ") if record["outcome"] == "fallback" and detail else []

        recorded = _recorded(change, diff, reasons)
        script = _code({**spec, "helpers": ""}, body, probe["helpers"], recorded)
        return reproducer_source(_record(change, diff, script))
    if change.kind == "timing":

        def timing(record: Mapping[str, Any]) -> float:
            return statistics.median(record["reproduce"]["timing"]["repeats"]) * 1000

        repeats = len(change.new_record["reproduce"]["timing"]["repeats"])
        body = _TIMING_BODY.replace("__CANDIDATE__", spec["candidate"]).replace("__LABEL__", label)
        recorded = _recorded(change, diff, timing)
        script = _code(spec, body, recorded, f"REPEATS = {repeats}")
        return reproducer_source(_record(change, diff, script))
    return None


def _stem(change: Change) -> str:
    text = f"{change.kind}--{change.check}--{change.lane}--{change.variants[0].lstrip('-')}"
    return re.sub(r"[^A-Za-z0-9._-]", "_", text)


def write_reproducers(diff: Diff, directory: Path) -> dict[tuple, str]:
    """One reproducer per group of unexpected changes (its smallest case); returns the file name
    (relative to the reports' directory) by group, and sets each change's `reproducer`."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.py"):
        old.unlink()
    chosen: dict[tuple, Change] = {}
    for change in diff.changes:
        if change.classification != "unexpected":
            continue
        best = chosen.get(change.group)
        size = input_size({"reproduce": diff.case(change.case)})
        if best is None or size < input_size({"reproduce": diff.case(best.case)}):
            chosen[change.group] = change
    written: dict[tuple, str] = {}
    stems: dict[str, int] = {}
    for group, change in chosen.items():
        text = reproducer_text(change, diff)
        if text is None:
            continue
        stem = _stem(change)
        stems[stem] = stems.get(stem, 0) + 1
        name = f"{stem}.py" if stems[stem] == 1 else f"{stem}--{stems[stem]}.py"
        (directory / name).write_text(text, encoding="utf-8")
        written[group] = f"{directory.name}/{name}"
    for change in diff.changes:
        change.reproducer = (
            written.get(change.group) if change.classification == "unexpected" else None
        )
    return written
