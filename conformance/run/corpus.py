"""The replay corpus: every failing case the suite found and shrunk, kept as data and replayed first.

At the end of a run each distinct failing example of a catalog operation, a generated pipeline, a
user query (`user.*`) or a property becomes one file `<id>.json` in the corpus directory: the
check's name, its lane and failing variants, the query's code, the comparison rules, the input
frames as Arrow IPC (`reports.records.encode_frames`; a tiled frame as its base and how many
copies) and the Polars it was found on; a property's
case holds, instead of a query, the draws its check made beyond its input (a predicate, a sort
order...), as the source its reproducer replays them from (`conformance.run.replay`). `<id>` hashes
that content, so a case found again is the same file. Nothing is pickled.

Every run collects one test item `corpus-<id>` per case first (`conformance/test_corpus.py`): the
recorded input on the recorded lane and variants, through the same driver and judge as exploration.
An operation replays by its catalog name; a pipeline or user query replays its recorded code; a
property replays its own check from this checkout on the recorded lane, handed the recorded draws in
order (no Hypothesis exploration), judged like the property's own test item. Recorded code and draws
are evaluated only from a file whose content still matches its id (the suite wrote it; a file
edited by hand is refused), and a case naming a property this checkout does not have is refused.

A case remembers the Polars releases it passed on (`passed_on`). Failing again on a release at or
after one of them is a regression (`Case.regressed`), which fails the run in every mode; a case that
never passed is an open finding, which `--findings=report` reports without failing.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
from packaging.version import Version

from conformance.catalog import OPERATIONS
from conformance.engines.lanes import LANES, Lane
from conformance.engines.passes import BASELINE, Variant, all_variants
from conformance.errors import ConformanceUsageError
from conformance.judge.compare import ORDERED, Rules, Tolerance
from conformance.judge.harness import Cell, check, lane_variants, run_baseline
from conformance.properties import PROPERTIES
from conformance.run.driver import Frames, Settings, Subject
from conformance.run.replay import RecordedDraws, draw_values, property_named
from conformance.run.selection import PIPELINE, QUERY
from conformance.run.user_queries import PREFIX
from conformance.version import POLARS_VERSION_STRING
from reports.outcomes import is_failure
from reports.records import decode_frames, replayable
from strategies.queries.families import CODE_GLOBALS

ROOT = Path(__file__).resolve().parents[2]
# the case file format; 2: an input is tiled (its base and `copies`), which a reader of 1 would
# replay as the base once: it refuses the file instead. A case without one is written as 1
FORMAT = "polars-conformance-corpus/2"
_UNTILED = "polars-conformance-corpus/1"
_READABLE = (_UNTILED, FORMAT)
TEST = "conformance/test_corpus.py::test_corpus_case"  # records of replays name it in reproduce
ITEM_PREFIX = "corpus-"
KINDS = ("operation", PIPELINE, QUERY, "user", "property")  # what a case can replay


def corpus_dir(option: str | None, results_dir: Path) -> Path:
    """`--corpus`, else `corpus/` at the checkout root beside the default `results/`, else (a run
    with its own `--results-dir`) `<results-dir>/corpus`, so such a run never touches the
    checkout's corpus."""
    if option:
        return Path(option).resolve()
    if results_dir == (ROOT / "results").resolve():
        return ROOT / "corpus"
    return results_dir / "corpus"


@dataclass(frozen=True)
class Case:
    """One saved failing example: what to run, where, and on which input."""

    id: str
    path: Path
    kind: str  # operation, pipeline, query, user or property
    check: str  # the record's operation: a catalog name, `pipeline`, `user.<function>`, a property
    lane: str
    variants: tuple[str, ...]
    query: str = field(repr=False)
    rules: Mapping[str, Any] | None = field(repr=False)  # None: an operation's catalog rules
    inputs: list[dict[str, Any]] = field(repr=False)
    passed_on: tuple[str, ...] = ()
    draws: tuple[tuple[str, str], ...] = field(default=(), repr=False)  # a property's: label, code

    def skip_reason(self) -> str | None:
        """Why this case cannot replay here (a lane, an operation, a property or every variant
        missing or unable to run)."""
        lane = next((ln for ln in LANES if ln.name == self.lane), None)
        if lane is None:
            return f"corpus case {self.id}: lane {self.lane!r} does not exist in this suite"
        if reason := lane.unavailable_reason():
            return f"{lane.name}: {reason}"
        if self.kind == "operation":
            op = next((o for o in OPERATIONS if o.name == self.check), None)
            if op is None:
                return f"corpus case {self.id}: operation {self.check!r} is not in the catalog"
            if reason := op.unavailable_reason():
                return f"{op.name}: {reason}"
        if self.kind == "property":
            prop = property_named(self.check)  # known: `load_case` refuses any other
            if reason := prop.unavailable_reason():
                return f"{prop.name}: {reason}"
        if not self._variants(lane):
            return (
                f"corpus case {self.id}: none of its variants ({', '.join(self.variants)}) "
                f"exists on Polars {POLARS_VERSION_STRING}"
            )
        return None

    def regressed(self) -> bool:
        """Whether failing now is a regression: the case passed on this Polars or an older one."""
        installed = Version(POLARS_VERSION_STRING)
        return any(Version(v) <= installed for v in self.passed_on)

    def _variants(self, lane: Lane) -> list[Variant]:
        by_name = {v.name: v for v in all_variants()}
        return lane_variants(lane, [by_name[v] for v in self.variants if v in by_name])

    def subject(self) -> Subject:
        """The query to replay: an operation by its catalog name, else the recorded code."""
        if self.kind == "operation":
            op = next(o for o in OPERATIONS if o.name == self.check)
            return Subject(op.name, op.query, op.rules, op.source)
        if self.kind == "property":
            from conformance.run.checks import PropertyCheck  # it imports this module

            prop = property_named(self.check)
            return Subject(prop.name, None, ORDERED, PropertyCheck(prop)._source)
        assert self.rules is not None
        namespace: dict[str, Any] = dict(CODE_GLOBALS)  # what generated code assumes
        exec(compile(self.query, f"<corpus case {self.id}>", "exec"), namespace)
        tolerance = self.rules["tolerance"]
        rules = Rules(
            ordered=self.rules["ordered"],
            tolerance=Tolerance(tolerance["rel"], tolerance["abs"], "as recorded with the case")
            if tolerance
            else None,
            check_dtypes=self.rules["check_dtypes"],
            check_column_order=self.rules["check_column_order"],
        )
        query = self.query
        return Subject(self.check, namespace["query"], rules, lambda: query)

    def draw(self, data: st.DataObject) -> tuple[Subject, Frames]:
        """The recorded input, every time: nothing is drawn, so Hypothesis runs it once."""
        return self.subject(), tuple(decode_frames(self.inputs))

    def evaluate(
        self,
        subject: Subject,
        frames: Frames,
        data: st.DataObject,
        lane: Lane,
        settings: Settings,
    ) -> list[Cell]:
        """The recorded variants of the recorded lane against the baseline (no plan probes); a
        property's check on the lane, handed the recorded draws."""
        if self.kind == "property":
            from conformance.run.checks import PropertyCheck  # it imports this module

            draws = RecordedDraws(draw_values([code for _, code in self.draws]))
            check_kind = PropertyCheck(property_named(self.check))
            # recorded again as they are handed out: a failure's reproducer replays them too
            return check_kind.evaluate(subject, frames, draws, lane, settings)  # type: ignore[arg-type]
        assert subject.query is not None
        baseline = run_baseline(subject.query, frames, settings.timeout_s)
        return check(
            subject.query,
            frames,
            subject.rules,
            lane,
            self._variants(lane),
            settings.timeout_s,
            baseline,
        )


def _content_id(content: Mapping[str, Any]) -> str:
    text = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def load_case(path: Path) -> Case:
    """One case file, refused (one line) unless the suite wrote it as it is."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        content = payload["case"]
        if payload.get("format") not in _READABLE:
            raise ValueError(f"format {payload.get('format')!r}, not one of {', '.join(_READABLE)}")
        case = Case(
            id=path.stem,
            path=path,
            kind=content["kind"],
            check=content["check"],
            lane=content["lane"],
            variants=tuple(content["variants"]),
            query=content["query"],
            rules=content["rules"],
            inputs=content["inputs"],
            passed_on=tuple(payload.get("passed_on", ())),
            draws=tuple((label, code) for label, code in content.get("draws", ())),
        )
        if case.kind not in KINDS:
            raise ValueError(f"kind {case.kind!r}, not one of {', '.join(KINDS)}")
        if case.kind == "property" and "draws" not in content:
            raise KeyError("draws")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConformanceUsageError(f"corpus case {path}: unreadable ({exc})") from None
    if _content_id(content) != path.stem:
        raise ConformanceUsageError(
            f"corpus case {path}: its content does not match its name (edited by hand?); "
            "delete the file or restore it"
        )
    if case.kind == "property":
        try:
            property_named(case.check)
        except ConformanceUsageError as exc:
            raise ConformanceUsageError(f"corpus case {path}: {exc}") from None
    return case


def load_corpus(directory: Path) -> list[Case]:
    """Every case in `directory` (none when it does not exist), in file-name order."""
    if not directory.is_dir():
        return []
    return [load_case(path) for path in sorted(directory.glob("*.json"))]


def select_cases(
    cases: Iterable[Case], lanes: Sequence[Lane], ops: Sequence[str] | None
) -> list[Case]:
    """The cases of the run's lanes whose check `--ops` names (every check without `--ops`)."""
    names = {lane.name for lane in lanes}
    return [
        c
        for c in cases
        if c.lane in names and (not ops or any(fnmatchcase(c.check, t.strip()) for t in ops))
    ]


# --- saving: from the failing records of a run --------------------------------------------------


def _kind(check_name: str) -> str | None:
    if check_name in (PIPELINE, QUERY):  # generated: the recorded code replays
        return check_name
    if check_name.startswith(PREFIX):
        return "user"
    if any(op.name == check_name for op in OPERATIONS):
        return "operation"
    if any(p.name == check_name for p in PROPERTIES):
        return "property"
    return None


def rules_from_script(script: Mapping[str, Any]) -> dict[str, Any]:
    """The comparison rules a differential reproducer spec was written with
    (`conformance.run.reproduce_spec.script_spec`): its `assert_frame_equal` keywords, and whether
    rows are sorted first."""
    compare = script["compare"]
    (call,) = [
        n
        for n in ast.walk(ast.parse(compare))
        if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "assert_frame_equal"
    ]
    options = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
    tolerance = None
    if not options.get("check_exact", True):
        tolerance = {
            "rel": options.get("rel_tol", options.get("rtol", 0.0)),
            "abs": options.get("abs_tol", options.get("atol", 0.0)),
        }
    return {
        "ordered": "_sort_pair" not in compare,
        "tolerance": tolerance,
        "check_dtypes": options.get("check_dtypes", True),
        "check_column_order": options.get("check_column_order", True),
    }


def _content(record: Mapping[str, Any]) -> dict[str, Any] | None:
    """The case a failing record shows, without its variant; None when it is not one to keep."""
    reproduce = record.get("reproduce", {})
    if (
        not is_failure(record["outcome"])
        or record.get("known_issue")
        or not replayable(record)
        or TEST in reproduce.get("pytest", "")  # a replay: its case is kept already
        or (kind := _kind(record["operation"])) is None
    ):
        return None
    script = reproduce.get("script")
    if kind == "property":  # its check replays with the draws its reproducer replays
        if not script or script.get("kind") != "code" or "draws" not in script:
            return None  # a drawn value with no source form (`replay.NotReplayable`)
        return {
            "kind": kind,
            "check": record["operation"],
            "lane": record["lane"],
            "query": "",  # the check's code is this checkout's, not the case's
            "rules": None,
            "inputs": reproduce["inputs"],
            "draws": [[label, code] for label, code in script["draws"]],
        }
    rules = None
    if kind != "operation":  # replayed from its code: it needs the code and the rules
        if "query" not in reproduce or not script or script.get("kind") != "differential":
            return None
        rules = rules_from_script(script)
    return {
        "kind": kind,
        "check": record["operation"],
        "lane": record["lane"],
        "query": reproduce.get("query", ""),
        "rules": rules,
        "inputs": reproduce["inputs"],
    }


def save_corpus(directory: Path, records: Iterable[Mapping[str, Any]]) -> list[Path]:
    """One case file per distinct failing example in `records`; returns the files written new."""
    found: dict[str, tuple[dict[str, Any], list[Mapping[str, Any]]]] = {}
    for record in records:
        content = _content(record)
        if content is not None:
            key = json.dumps(content, sort_keys=True)
            found.setdefault(key, (content, []))[1].append(record)
    written = []
    for content, group in found.values():
        variants = {BASELINE.name if r["variant"] == "*" else r["variant"] for r in group}
        case = {**content, "variants": sorted(variants)}
        path = directory / f"{_content_id(case)}.json"
        if path.exists():
            continue
        tiled = any("copies" in frame for frame in case["inputs"])
        payload = {
            "format": FORMAT if tiled else _UNTILED,
            "case": case,
            "found": {
                "polars_version": group[0]["polars_version"],
                "outcomes": {r["variant"]: r["outcome"] for r in group},
                "detail": group[0].get("detail", "")[:2000],
            },
            "passed_on": [],
        }
        _write(path, payload)
        written.append(path)
    return written


def mark_passed(directory: Path, ids: Iterable[str], version: str = POLARS_VERSION_STRING) -> None:
    """Remember that these cases passed on `version`: failing there again is a regression."""
    for case_id in ids:
        path = directory / f"{case_id}.json"
        if not path.is_file():
            continue
        payload = json.loads(path.read_text(encoding="utf-8"))
        if version not in payload["passed_on"]:
            payload["passed_on"] = sorted({*payload["passed_on"], version}, key=Version)
            _write(path, payload)


def _write(path: Path, payload: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def regression(path: str) -> bool:
    """Whether the case at `path` failing now is a regression (see `Case.regressed`)."""
    return load_case(Path(path)).regressed()
