"""The upgrade report: the diff, its classification and its reports, from two synthetic results.

The two results are what `python -m conformance.run.upgrade replay` writes for one cases file on
two releases; here they are built by hand, one cell per kind of change, so every kind is checked
without installing a second Polars. The last test runs the real draw, replay and timing on the
installed Polars (the same release twice: nothing may change but noise).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from conformance.engines.lanes import LANES
from conformance.engines.passes import BASELINE, Variant
from conformance.judge.harness import Cell
from conformance.run.upgrade import _scripts, case_frames, cases_digest, script_key
from reports.outcomes import Outcome
from reports.records import encode_frames
from reports.upgrade.answer import change_kind, error_answer, frame_answer
from reports.upgrade.classify import TableError, classify, load_table, ordered, parse_table
from reports.upgrade.diff import NotComparable, compare
from reports.upgrade.render import LIMIT_BYTES, render_markdown
from strategies.scale import generated_frame

ROOT = Path(__file__).resolve().parent.parent
OLD, NEW = "1.44.2", "2.1.0"
ORDERED = {"ordered": True, "tolerance": None, "check_dtypes": True, "check_column_order": True}
LANE = {lane.name: lane for lane in LANES}
NONE = Variant("none", ("predicate_pushdown",))
EXPLODE_INPUT = pl.DataFrame({"l": [[1], []]})


def _case(case_id: str, query: str, frame: pl.DataFrame) -> dict[str, Any]:
    check = case_id.split("#")[0]
    kind = "pipeline" if check == "pipeline" else "operation"
    return {
        "id": case_id,
        "check": check,
        "kind": kind,
        "query": query,
        "rules": ORDERED,
        "inputs": encode_frames([frame]),
    }


CASES = [
    _case("explode#1", 'query = (\n    lambda lf: lf.explode("l")\n)', EXPLODE_INPUT),
    _case(
        "concat_horizontal#1",
        'query = (\n    lambda a: pl.concat([a, a.head(1)], how="horizontal")\n)',
        pl.DataFrame({"a": [1, 2]}),
    ),
    _case(
        "sort_multi_key#1", 'query = (\n    lambda lf: lf.sort("v")\n)', pl.DataFrame({"v": [2, 1]})
    ),
    _case(
        "pipeline#1",
        "query = (\n    lambda a: a.select(c('v').nan_min())\n)",
        pl.DataFrame({"v": [1.0]}),
    ),
]


def _frame(height: int, digest: str, schema: list[list[str]] | None = None) -> dict[str, Any]:
    return {
        "kind": "frame",
        "schema": schema or [["l", "Int64"]],
        "height": height,
        "digest": digest,
        "preview": f"shape: ({height}, 1)",
    }


def _record(
    version: str,
    case: str,
    lane: str,
    variant: str,
    outcome: str = "pass",
    answer: dict[str, Any] | None = None,
    probe: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    spec = next(c for c in CASES if c["id"] == case)
    cell = Cell(lane, variant, Outcome(outcome), "", 0.0)
    reproduce: dict[str, Any] = {"case": case, "script": script_key(cell, spec)}
    if probe:
        reproduce["probe"] = True
    else:
        reproduce["answer"] = answer or _frame(1, "same")
    if "timing" in extra:
        reproduce["timing"] = extra.pop("timing")
    return {
        "operation": spec["check"],
        "lane": lane,
        "variant": variant,
        "outcome": outcome,
        "polars_version": version,
        "duration_s": 0.0,
        "test_id": case,
        "detail": extra.pop("detail", ""),
        "known_issue": extra.pop("known_issue", None),
        "reproduce": reproduce,
    }


def _results(version: str, records: list[dict[str, Any]], extra_variant: str) -> dict[str, Any]:
    lanes = [LANE["in-memory"], LANE["streaming"]]
    variants = [BASELINE, NONE, Variant(extra_variant, (extra_variant[1:],))]
    return {
        "schema_version": 2,
        "polars_version": version,
        "variants": [v.name for v in variants],
        "lanes": {"in-memory": "available", "streaming": "available", "gpu": "no CUDA device"},
        "plan_probes": {"streaming": {"probe": "streaming physical plan", "status": "available"}},
        "skipped": [],
        "known_issues": [
            {
                "id": "streaming-nan-min-infinity",
                "polars": ">=1.35,<2.1",
                "applicable": version == OLD,
                "reason": "nan_min of +inf on the streaming engine",
                "link": "https://github.com/pola-rs/polars/issues/0",
            }
        ],
        "records": records,
        "upgrade": {
            "drawn_on": OLD,
            "seed": 1,
            "examples": 2,
            "excluded": [["oracle.tlp", "a property draws part of its input while it runs"]],
            "variants_absent": [],
            "cases": {c["id"]: {k: v for k, v in c.items() if k != "id"} for c in CASES},
            "scripts": _scripts(lanes, variants[:2], CASES),
        },
    }


def _current_explode_answer() -> dict[str, Any]:
    return frame_answer(EXPLODE_INPUT.lazy().explode("l").collect(engine="in-memory"), True)


def pair() -> tuple[dict[str, Any], dict[str, Any]]:
    """Old and new results with one cell per kind of change (and some that must not show)."""
    shape = ["in-memory", "streaming"]
    old: list[dict[str, Any]] = []
    new: list[dict[str, Any]] = []
    # explode: a value change on both lanes and both shared variants (an empty list's null row)
    for lane in shape:
        for variant in ("all-on", "none"):
            # values as an operation with a tolerance keeps them: reproducers embed them
            with_values = {**_frame(2, "with-null"), "values": [[None], [True]]}
            old.append(_record(OLD, "explode#1", lane, variant, answer=with_values))
            new.append(_record(NEW, "explode#1", lane, variant, answer=_current_explode_answer()))
    old.append(_record(OLD, "explode#1", "in-memory", "-collapse_joins"))  # only on the old one
    # concat: a result on the old release, an error on the new one
    shape_error = error_answer("ShapeError", "cannot concat dataframes with different heights")
    old.append(_record(OLD, "concat_horizontal#1", "in-memory", "all-on", answer=_frame(2, "pad")))
    new.append(
        _record(NEW, "concat_horizontal#1", "in-memory", "all-on", "consistent-error", shape_error)
    )
    # sort: a new discrepancy on the streaming lane
    old.append(_record(OLD, "sort_multi_key#1", "streaming", "all-on"))
    new.append(
        _record(
            NEW,
            "sort_multi_key#1",
            "streaming",
            "all-on",
            "mismatch",
            detail='DataFrames are different (value mismatch for column "v")',
        )
    )
    # nan_min: a known issue that the registry says the new release no longer has
    old.append(
        _record(
            OLD,
            "pipeline#1",
            "streaming",
            "all-on",
            "mismatch",
            detail='value mismatch for column "nan_min"',
            known_issue="streaming-nan-min-infinity",
        )
    )
    new.append(_record(NEW, "pipeline#1", "streaming", "all-on"))
    # a streaming plan that falls back on the new release only
    old.append(_record(OLD, "explode#1", "streaming", "all-on", "native", probe=True))
    new.append(
        _record(
            NEW, "explode#1", "streaming", "all-on", "fallback", probe=True, detail="map_batches"
        )
    )
    # must not show: a fallback reason that differs only in Polars' numbered temporary columns
    for records, version, temporary in (
        (old, OLD, "_POLARS_TMP_3353"),
        (new, NEW, "_POLARS_TMP_PHYS_3328"),
    ):
        reason = f"columnar-function {temporary} = arg_sort(...)"
        records.append(
            _record(
                version,
                "concat_horizontal#1",
                "streaming",
                "all-on",
                "fallback",
                probe=True,
                detail=reason,
            )
        )
    # must not show: other first rows of an early stop (a partial answer), same schema
    for records, version, digest in ((old, OLD, "first-rows"), (new, NEW, "other-rows")):
        records.append(
            _record(
                version,
                "sort_multi_key#1",
                "in-memory",
                "all-on",
                answer={**_frame(1, digest), "partial": True},
            )
        )
    # timing, measured in one session: slower beyond noise (explode), within noise (concat)
    timed = {
        ("explode#1", "in-memory"): ([0.010, 0.011, 0.012], [0.030, 0.031, 0.033]),
        ("concat_horizontal#1", "in-memory"): ([0.010, 0.020, 0.030], [0.025, 0.030, 0.040]),
    }
    for records, side in ((old, 0), (new, 1)):
        for record in records:
            key = (record["test_id"], record["lane"])
            if key in timed and record["variant"] == "all-on" and "answer" in record["reproduce"]:
                record["reproduce"]["timing"] = {"repeats": timed[key][side], "session": "s1"}
    return _results(OLD, old, "-collapse_joins"), _results(NEW, new, "-join_order")


def _by_kind(diff: Any) -> dict[str, list[Any]]:
    kinds: dict[str, list[Any]] = {}
    for change in diff.changes:
        kinds.setdefault(change.kind, []).append(change)
    return kinds


def test_each_kind_of_change_is_found_once_per_case_and_lane() -> None:
    diff = compare(*pair())
    kinds = _by_kind(diff)
    assert set(kinds) == {
        "value",
        "result-error",
        "new-discrepancy",
        "known-issue-gone",
        "fallback-new",
        "timing",
    }
    assert [(c.lane, c.variants) for c in kinds["value"]] == [
        ("in-memory", ["all-on", "none"]),
        ("streaming", ["all-on", "none"]),
    ]
    assert kinds["result-error"][0].new.startswith("raised ShapeError")
    assert kinds["fallback-new"][0].old == "native"
    assert kinds["fallback-new"][0].new == "fallback: map_batches"
    assert [c.case for c in kinds["timing"]] == ["explode#1"]  # concat's ranges overlap: noise
    assert kinds["timing"][0].ratio == pytest.approx(31 / 11, rel=1e-3)


def test_lanes_and_variants_only_one_release_has_are_not_comparable() -> None:
    diff = compare(*pair())
    missing = {(r["what"], r["name"], r["release"]) for r in diff.not_comparable}
    assert ("variant", "-collapse_joins", NEW) in missing
    assert ("variant", "-join_order", OLD) in missing
    assert ("lane", "gpu", OLD) in missing
    assert ("lane", "gpu", NEW) in missing
    assert ("check", "oracle.tlp", "both") in missing
    assert not any("collapse_joins" in c.variants for c in diff.changes)


def test_timing_from_different_sessions_is_not_compared() -> None:
    old, new = pair()
    for record in new["records"]:
        if "timing" in record["reproduce"]:
            record["reproduce"]["timing"]["session"] = "another"
    assert "timing" not in _by_kind(compare(old, new))


def test_results_of_different_cases_are_refused() -> None:
    old, new = pair()
    new["upgrade"]["cases"].pop("explode#1")
    with pytest.raises(NotComparable, match="different cases"):
        compare(old, new)
    with pytest.raises(NotComparable, match="not an upgrade replay"):
        compare({"records": []}, new)
    old, new = pair()
    new["upgrade"]["answer_format"] = 2  # digests made another way are no value change
    with pytest.raises(NotComparable, match="different formats"):
        compare(old, new)


def test_documented_changes_are_intended_and_unexpected_ones_come_first() -> None:
    diff = compare(*pair())
    classify(diff, load_table())
    by_kind = {c.kind: c for c in diff.changes}
    assert by_kind["value"].classification == "intended"
    assert by_kind["value"].rule["id"] == "explode-empty-as-null-false"
    assert by_kind["value"].rule["url"].startswith("https://docs.pola.rs/releases/upgrade/2/")
    assert by_kind["result-error"].rule["id"] == "concat-horizontal-strict"
    gone = by_kind["known-issue-gone"]
    assert gone.classification == "intended"
    assert gone.rule["id"] == "known-issue:streaming-nan-min-infinity"
    for kind in ("new-discrepancy", "fallback-new", "timing"):
        assert by_kind[kind].classification == "unexpected", kind
    classes = [c.classification for c in ordered(diff.changes)]
    assert classes == sorted(classes, key=lambda c: c != "unexpected")


def test_a_row_matches_only_an_upgrade_across_its_release() -> None:
    old, new = pair()
    new["polars_version"] = "1.45.0"  # the explode change came in 2.0.0: not in this upgrade
    diff = compare(old, new)
    classify(diff, load_table())
    assert all(c.classification == "unexpected" for c in diff.changes if c.kind == "value")


def test_the_table_rejects_unknown_fields_and_kinds() -> None:
    row = {"id": "x", "since": "2.0.0", "kinds": ["value"], "reason": "r", "url": "u"}
    assert parse_table({"change": [row]})[0].checks == ("*",)
    with pytest.raises(TableError, match="unknown field 'check'; valid fields: id, since"):
        parse_table({"change": [{**row, "check": ["explode"]}]})
    with pytest.raises(TableError, match="unknown kind 'values'; valid kinds: value, schema"):
        parse_table({"change": [{**row, "kinds": ["values"]}]})
    with pytest.raises(TableError, match="'url' is required"):
        parse_table({"change": [{k: v for k, v in row.items() if k != "url"}]})


def test_every_row_of_the_shipped_table_cites_its_source() -> None:
    for row in load_table():
        assert row.url.startswith("https://"), row.id
        assert row.reason, row.id


def _render(tmp_path: Path, old: dict[str, Any], new: dict[str, Any], *args: str) -> Path:
    """Run `python -m reports.upgrade` on two files; fail if it imports `conformance`."""
    files = []
    for name, results in (("old", old), ("new", new)):
        path = tmp_path / name / "results.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results), encoding="utf-8")
        files.append(str(path))
    out = tmp_path / "report"
    wrapper = (
        "import sys\nfrom reports.upgrade.__main__ import main\ncode = main(sys.argv[1:])\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'conformance'], 'imported'\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *files, f"--out={out}", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


def test_reports_render_from_the_two_results_files_alone(tmp_path: Path) -> None:
    out = _render(tmp_path, *pair())
    report = json.loads((out / "upgrade.json").read_text())
    assert (report["from"], report["to"]) == (OLD, NEW)
    assert report["changes"][0]["classification"] == "unexpected"
    assert report["counts"]["value"] == {"intended": 2}
    markdown = (out / "upgrade.md").read_text()
    assert len(markdown.encode()) < LIMIT_BYTES
    assert markdown.index("## Unexpected changes") < markdown.index("## Intended changes")
    assert "## Timing changes beyond noise" in markdown
    assert "## Not comparable" in markdown
    page = (out / "upgrade.html").read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "<script src" not in page
    written = sorted(p.name for p in (out / "reproducers").glob("*.py"))
    assert written == [
        "fallback-new--explode--streaming--all-on.py",
        "new-discrepancy--sort_multi_key--streaming--all-on.py",
        "timing--explode--in-memory--all-on.py",
    ]


def test_the_markdown_stays_under_the_job_summary_limit() -> None:
    old, new = pair()
    diff = compare(old, new)
    template = next(c for c in diff.changes if c.kind == "new-discrepancy")
    diff.changes = [template] * 20_000
    for i in range(0, 20_000, 10):
        diff.changes[i] = type(template)(
            **{**template.__dict__, "check": f"op{i}", "old": "x" * 300}
        )
    assert len(render_markdown(diff).encode()) < LIMIT_BYTES


def _run(script: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=120
    )


def test_an_unexpected_answer_change_gets_a_reproducer_printing_both_answers(
    tmp_path: Path,
) -> None:
    """Under an empty table the explode change is unexpected: its reproducer runs on this Polars,
    prints this answer and both recorded ones, and exits 1 while it differs from the old one."""
    table = tmp_path / "none.toml"
    table.write_text("")
    out = _render(tmp_path, *pair(), f"--changes={table}")
    script = out / "reproducers" / "value--explode--in-memory--all-on.py"
    done = _run(script)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"recorded on Polars {OLD}: 2 rows" in done.stdout
    assert f"recorded on Polars {NEW}: " in done.stdout
    assert "the change is present" in done.stdout
    # the same change seen from the other side: this Polars gives the "old" answer, so exit 0
    old, new = pair()
    back = _render(tmp_path / "back", new, old, f"--changes={table}")
    done = _run(back / "reproducers" / "value--explode--in-memory--all-on.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "the change is absent" in done.stdout


def test_an_inexact_operation_changes_value_only_beyond_its_declared_tolerance() -> None:
    """Two releases' answers of an operation with a declared tolerance compare within it (rows in
    any order where the operation leaves it undefined); without one, the last bit counts."""

    def answer(values: list[float], tolerance: list[float] | None = None) -> dict[str, Any]:
        frame = pl.DataFrame({"k": [2, 1, 3], "m": values})
        return frame_answer(frame, False, tolerance=tolerance)

    within = [1e-9, 0.0]
    sum_of_parts, exact = [1.0, 0.1 + 0.2, float("nan")], [1.0, 0.3, float("nan")]
    assert answer(sum_of_parts)["digest"] != answer(exact)["digest"]
    assert change_kind(answer(sum_of_parts, within), answer(exact, within)) is None
    assert change_kind(answer(sum_of_parts, within), answer([1.0, 0.31, 0.0], within)) == "value"
    assert change_kind(answer(sum_of_parts), answer(exact)) == "value"
    # a Float32 result is no closer than its last bit, whatever the tolerance: one unit in the
    # last place is no change there, ten are
    one_ulp = pl.DataFrame({"m": [662.20068359375]}, schema={"m": pl.Float32})
    moved = {"m": [662.2006225585938]}
    assert (
        change_kind(
            frame_answer(one_ulp, True, tolerance=within),
            frame_answer(pl.DataFrame(moved, schema={"m": pl.Float32}), True, tolerance=within),
        )
        is None
    )
    assert (
        change_kind(
            frame_answer(one_ulp, True, tolerance=within),
            frame_answer(
                pl.DataFrame({"m": [662.2]}, schema={"m": pl.Float32}), True, tolerance=within
            ),
        )
        == "value"
    )


def test_the_discrepancy_reproducer_is_the_suites_differential_script(tmp_path: Path) -> None:
    out = _render(tmp_path, *pair())
    text = (
        out / "reproducers" / "new-discrepancy--sort_multi_key--streaming--all-on.py"
    ).read_text()
    assert f"recorded on Polars {NEW}: mismatch" in text
    assert 'plan().collect(engine="in-memory")' in text
    done = _run(out / "reproducers" / "new-discrepancy--sort_multi_key--streaming--all-on.py")
    assert done.returncode == 0  # sort agrees on this Polars: the discrepancy is absent here


def test_a_scale_frame_saved_as_its_code_replays_as_the_same_frame() -> None:
    """A case's frame of the scale tier is saved as the code that builds it (not its rows): the
    replay rebuilds it, the same frame, and an IPC-saved frame beside it decodes as before."""
    params = {
        "seed": 7,
        "rows": 1000,
        "columns": {"k": (pl.Int64, True, True), "v": (pl.Float64, False, True)},
        "distinct": 50,
        "hot_share": 0.25,
        "null_share": 0.1,
        "null_run": 5,
        "chunks": 3,
    }
    scale = generated_frame(params, ("k",))
    small = pl.DataFrame({"k": [1, None]})
    encoded = encode_frames([scale, small])
    assert "generated" in encoded[0]
    assert "ipc_base64" not in encoded[0]
    rebuilt, decoded = case_frames(encoded)
    assert_frame_equal(rebuilt, scale)
    assert_frame_equal(decoded, small)


def test_cases_drawn_and_replayed_twice_on_one_release_do_not_change(tmp_path: Path) -> None:
    """The real pipeline on the installed Polars: draw, replay twice, time both, compare."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "POLARS_CONFORMANCE_PROFILE": "fast"}
    cases = tmp_path / "cases.json"

    def upgrade(*args: str) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "conformance.run.upgrade", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]

    upgrade("draw", f"--cases={cases}", "--ops=head,concat_horizontal", "--examples=2")
    drawn = json.loads(cases.read_text())
    assert drawn["digest"] == cases_digest(drawn["cases"])
    assert {c["check"] for c in drawn["cases"]} == {"head", "concat_horizontal"}
    for side in ("a", "b"):
        upgrade(
            "replay",
            f"--cases={cases}",
            f"--results-dir={tmp_path / side}",
            "--engines=in-memory,streaming",
            "--passes=none",
        )
    results = [tmp_path / side / "results.json" for side in ("a", "b")]
    upgrade(
        "time",
        f"--cases={cases}",
        f"--old-python={sys.executable}",
        f"--old-results={results[0]}",
        f"--new-python={sys.executable}",
        f"--new-results={results[1]}",
        "--engines=in-memory",
        "--repeats=2",
    )
    old, new = (json.loads(p.read_text()) for p in results)
    timed = [r for r in old["records"] if "timing" in r["reproduce"]]
    assert timed
    assert all(len(r["reproduce"]["timing"]["repeats"]) == 2 for r in timed)
    diff = compare(old, new, ratio=1000.0)
    assert diff.compared_cells > 0
    assert diff.changes == []
    # a hand-edited cases file is refused: replaying runs its code
    drawn["cases"][0]["query"] = "query = (\n    lambda a: a\n)"
    cases.write_text(json.dumps(drawn))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "conformance.run.upgrade",
            "replay",
            f"--cases={cases}",
            f"--results-dir={tmp_path / 'c'}",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert "do not match their digest" in done.stderr


def test_a_shape_with_intended_and_unexpected_changes_is_two_groups() -> None:
    """The headline's count of unexpected changes counts no intended one: a full 1.44.2 -> 2.1.0
    report said 2115 unexpected where 2071 were, its groups holding 44 intended changes."""
    from reports.upgrade.diff import Change
    from reports.upgrade.render import groups

    def change(case: str, classification: str) -> Change:
        return Change(
            "schema", case, "cast", "in-memory", ["all-on"], "Int64", "Int32", {}, {},
            classification=classification,
        )  # fmt: skip

    found = groups([change("cast#1", "intended"), change("cast#2", "unexpected")])
    assert [[c.classification for c in g] for g in found] == [["unexpected"], ["intended"]]
