"""The known-issue registry: validated names and scopes, matching, and strictness on fixes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import polars as pl
import pytest

from conformance.errors import ConformanceUsageError
from conformance.judge.compare import ORDERED, UNORDERED, difference
from conformance.judge.harness import error_info
from conformance.judge.known_issues import load_registry, match, parse_registry, stale_entries
from conformance.run.user_queries import load_queries
from conformance.version import POLARS_VERSION_STRING
from tests.planted_polars import suite_env

ROOT = Path(__file__).resolve().parent.parent
USER_QUERIES = ROOT / "examples" / "queries.py"


def entry(**overrides: object) -> dict:
    base = {
        "id": "x",
        "operations": ["join_left"],
        "lanes": ["streaming"],
        "variants": ["*"],
        "engine_bug": True,
        "polars": ">=0.1",
        "outcomes": ["mismatch"],
        "detail": "value mismatch",
        "reason": "because",
    }
    return {**base, **overrides}


def without(key: str) -> dict:
    return {k: v for k, v in entry().items() if k != key}


def test_shipped_registry_is_valid_and_every_reproducer_exists() -> None:
    issues = load_registry()
    assert issues
    assert all(i.reproducer is not None and i.reproducer.is_file() for i in issues)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (
            {"operations": ["no_such_op"]},
            "unknown operation in known issue #1 (x) 'no_such_op'; valid choices: ",
        ),
        ({"lanes": ["tpu"]}, "unknown lane in known issue #1 (x) 'tpu'; valid choices: in-memory"),
        (
            {"lanes": ["tpu*"]},
            "unknown lane in known issue #1 (x) 'tpu*'; valid choices: in-memory",
        ),
        (
            {"lanes": ["*"], "lanes_except": ["tpu"]},
            "unknown lane in known issue #1 (x) 'tpu'; valid choices: in-memory",
        ),
        (
            {"outcomes": ["oops"]},
            "unknown outcome in known issue #1 (x) 'oops'; valid choices: pass",
        ),
        ({"colour": "red"}, "unknown field in known issue #1 (x) 'colour'"),
        ({"polars": "about 2"}, "bad Polars version range 'about 2'"),
        ({"reproducer": "missing.py"}, "does not exist"),
        ({"detail": "("}, "bad 'detail' pattern"),
        ({"detail": ""}, "'detail' must be a regular expression of this bug's symptom"),
        ({"detail": "x?"}, "matches an empty detail, so it explains every failure"),
        ({"engine_bug": "yes"}, "'engine_bug' must be true or false"),
    ],
)
def test_bad_entries_are_rejected_with_the_valid_choices(
    override: dict, message: str, tmp_path: Path
) -> None:
    with pytest.raises(ConformanceUsageError) as info:
        parse_registry({"issue": [entry(**override)]}, tmp_path)
    assert message in str(info.value)


def test_an_entry_without_detail_is_rejected(tmp_path: Path) -> None:
    """Without a symptom pattern an entry would explain any failure of its operations."""
    with pytest.raises(ConformanceUsageError, match=r"known issue #1 \(x\): 'detail' must be"):
        parse_registry({"issue": [without("detail")]}, tmp_path)


@pytest.mark.parametrize("lanes", [["*"], ["in-memory*", "i[!n]*", "[!i]*"]])
def test_every_lane_needs_the_baseline_to_be_the_wrong_side(lanes: list, tmp_path: Path) -> None:
    with pytest.raises(ConformanceUsageError, match=r"'lanes' covers every lane.*baseline_wrong"):
        parse_registry({"issue": [entry(lanes=lanes, outcomes=["panic"])]}, tmp_path)
    (issue,) = parse_registry(
        {"issue": [entry(lanes=lanes, outcomes=["panic"], baseline_wrong=True)]}, tmp_path
    )
    assert match([issue], "join_left", "in-memory", "none", "panic", "value mismatch") == "x"


def test_every_lane_takes_only_outcomes_a_wrong_baseline_gives_every_lane(tmp_path: Path) -> None:
    """A baseline that returns a wrong frame agrees with the in-memory lane: that lane passes."""
    bare = entry(lanes=["*"], baseline_wrong=True, outcomes=["panic", "mismatch"])
    with pytest.raises(ConformanceUsageError, match="outcome 'mismatch' does not fail"):
        parse_registry({"issue": [bare]}, tmp_path)
    scoped = {**bare, "lanes_except": ["in-memory"]}
    (issue,) = parse_registry({"issue": [scoped]}, tmp_path)
    assert match([issue], "join_left", "streaming", "none", "mismatch", "value mismatch") == "x"
    assert match([issue], "join_left", "in-memory", "none", "mismatch", "value mismatch") is None


def test_lanes_except_must_leave_a_lane(tmp_path: Path) -> None:
    with pytest.raises(ConformanceUsageError, match="'lanes_except' leaves no lane"):
        parse_registry({"issue": [entry(lanes=["sink_*"], lanes_except=["sink_*"])]}, tmp_path)


@pytest.mark.parametrize("variants", [["*"], ["all-on", "-*", "none"]])
def test_every_variant_needs_an_engine_bug(variants: list, tmp_path: Path) -> None:
    unflagged = {**without("engine_bug"), "variants": variants}
    with pytest.raises(ConformanceUsageError, match=r"'variants' covers every variant.*engine_bug"):
        parse_registry({"issue": [unflagged]}, tmp_path)
    (named,) = parse_registry({"issue": [{**unflagged, "variants": ["all-on"]}]}, tmp_path)
    assert not named.engine_bug


def test_match_respects_names_variant_patterns_outcome_detail_and_version(tmp_path: Path) -> None:
    (issue,) = parse_registry({"issue": [entry(variants=["-*pushdown", "none"])]}, tmp_path)
    shown = "DataFrames are different (value mismatch for column 'a')"
    assert match([issue], "join_left", "streaming", "none", "mismatch", shown) == "x"
    assert match([issue], "join_left", "streaming", "-predicate_pushdown", "mismatch", shown) == "x"
    assert match([issue], "join_left", "streaming", "none", "mismatch", "dtypes differ") is None
    assert match([issue], "join_left", "streaming", "all-on", "mismatch", shown) is None
    assert match([issue], "join_left", "in-memory", "none", "mismatch", shown) is None
    assert match([issue], "join_left", "streaming", "none", "panic", shown) is None
    assert match([issue], "join_inner", "streaming", "none", "mismatch", shown) is None
    (sinks,) = parse_registry(
        {"issue": [entry(lanes=["sink_*", "streaming"], lanes_except=["sink_csv"])]}, tmp_path
    )
    assert match([sinks], "join_left", "sink_parquet", "all-on", "mismatch", shown) == "x"
    assert match([sinks], "join_left", "streaming", "all-on", "mismatch", shown) == "x"
    assert match([sinks], "join_left", "sink_csv", "all-on", "mismatch", shown) is None
    assert match([sinks], "join_left", "collect_all", "all-on", "mismatch", shown) is None
    (any_op,) = parse_registry({"issue": [entry(operations=["*"], detail="Kathmandu")]}, tmp_path)
    assert match([any_op], "head", "streaming", "all-on", "mismatch", "Asia/Kathmandu") == "x"
    assert match([any_op], "head", "streaming", "all-on", "mismatch", "Europe/Paris") is None
    (old,) = parse_registry({"issue": [entry(polars=f"<{POLARS_VERSION_STRING}")]}, tmp_path)
    assert match([old], "join_left", "streaming", "none", "mismatch", shown) is None


def test_a_query_pattern_explains_a_generic_symptom_only_where_its_construct_is(
    tmp_path: Path,
) -> None:
    unwrap = "panicked: called `Option::unwrap()` on a `None` value"
    (issue,) = parse_registry(
        {
            "issue": [
                entry(
                    operations=["query"], outcomes=["panic"], detail="unwrap", query=r"\.quantile\("
                )
            ]
        },
        tmp_path,
    )
    with_it = 'query = (\n    lambda a: a\n    .select(c("t").quantile(0.5))\n)'
    without_it = 'query = (\n    lambda a: a\n    .select(c("t").median())\n)'
    assert match([issue], "query", "streaming", "all-on", "panic", unwrap, with_it) == "x"
    assert match([issue], "query", "streaming", "all-on", "panic", unwrap, without_it) is None
    assert match([issue], "query", "streaming", "all-on", "panic", unwrap) is None


@pytest.mark.parametrize("pattern", ["", ".*", "("])
def test_a_query_pattern_that_names_no_construct_is_rejected(pattern: str, tmp_path: Path) -> None:
    with pytest.raises(ConformanceUsageError, match="'query'"):
        parse_registry({"issue": [entry(query=pattern)]}, tmp_path)


def test_stale_entries_are_the_applicable_ones_no_cell_matched(tmp_path: Path) -> None:
    issues = parse_registry(
        {
            "issue": [
                entry(id="seen"),
                entry(id="unseen"),
                entry(id="old", polars=f"<{POLARS_VERSION_STRING}"),
            ]
        },
        tmp_path,
    )
    assert [i.id for i in stale_entries(issues, {"seen"})] == ["unseen"]
    shown = issues[1].describe()
    assert shown["id"] == "unseen"
    assert shown["polars"] == ">=0.1"
    assert shown["reason"] == "because"


def _strict_run(
    tmp_path: Path, exit_code: int, printed: str = "panicked: planted", detail: str = "planted"
) -> subprocess.CompletedProcess[str]:
    (tmp_path / "repro.py").write_text(f"import sys\nprint({printed!r})\nsys.exit({exit_code})\n")
    (tmp_path / "registry.toml").write_text(
        textwrap.dedent(
            f"""
            [[issue]]
            id = "planted"
            operations = ["head"]
            lanes = ["streaming"]
            variants = ["*"]
            engine_bug = true
            polars = ">=0.1"
            outcomes = ["panic"]
            detail = {detail!r}
            reason = "planted"
            reproducer = "repro.py"
            """
        )
    )
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "conformance/test_known_issues.py",
            "-p",
            "no:cacheprovider",
            f"--results-dir={tmp_path / 'results'}",
        ],
        cwd=ROOT,
        env={**os.environ, "POLARS_CONFORMANCE_KNOWN_ISSUES": str(tmp_path / "registry.toml")},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_fixed_known_issue_is_reported_loudly(tmp_path: Path) -> None:
    proc = _strict_run(tmp_path, exit_code=0)
    assert proc.returncode == 1
    assert "FIXED: known issue 'planted' no longer reproduces" in proc.stdout


def test_a_known_issue_that_still_reproduces_its_symptom_passes(tmp_path: Path) -> None:
    proc = _strict_run(tmp_path, exit_code=1)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "1 passed" in proc.stdout


def test_a_detail_the_reproducer_does_not_print_fails(tmp_path: Path) -> None:
    """The pattern must name the symptom the reproducer shows, not some other failure."""
    proc = _strict_run(tmp_path, exit_code=1, printed="panicked: something else")
    assert proc.returncode == 1
    assert "its output does not match 'detail'" in proc.stdout


def test_a_reproducer_that_cannot_run_is_reported_broken(tmp_path: Path) -> None:
    proc = _strict_run(tmp_path, exit_code=2)
    assert proc.returncode == 1
    assert "BROKEN: the reproducer of known issue 'planted' could not run (exit 2)" in proc.stdout


def test_an_engine_bug_reproducer_must_run_with_every_pass_on(tmp_path: Path) -> None:
    proc = _strict_run(
        tmp_path, exit_code=1, printed="panicked: planted', predicate_pushdown=False, x='"
    )
    assert proc.returncode == 1
    assert "turns an optimizer pass off (predicate_pushdown=False)" in proc.stdout


def test_a_run_reports_stale_and_fixed_entries(tmp_path: Path) -> None:
    """An entry the run could meet but matched nothing is stale; one whose reproducer passes is
    fixed: both are named in results.json and in the run's summary."""
    _strict_run(tmp_path, 0)  # writes the registry and a reproducer that no longer fails
    results = tmp_path / "run"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "conformance/test_differential.py",
            "conformance/test_known_issues.py",
            "-p",
            "no:cacheprovider",
            "--ops=head",
            "--engines=streaming",
            "--passes=none",
            f"--results-dir={results}",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "POLARS_CONFORMANCE_KNOWN_ISSUES": str(tmp_path / "registry.toml"),
            "POLARS_CONFORMANCE_PROFILE": "fast",
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    (entry,) = json.loads((results / "results.json").read_text())["known_issues"]
    assert entry["id"] == "planted"
    assert entry["applicable"]
    assert entry["matched"] == 0
    assert entry["reproducer_status"] == "fixed", proc.stdout[-2000:]
    assert "known issue planted: stale" in proc.stdout
    assert "known issue planted: fixed" in proc.stdout


def test_an_entry_names_a_users_query_by_its_check_name(tmp_path: Path) -> None:
    """A user's query is the check `user.<function>`: the registry takes that name or a pattern
    of such names, though only a run given the module (`--queries`) knows the functions."""
    names = [q.name for q in load_queries(str(USER_QUERIES))]  # what records carry
    assert "user.regional_revenue" in names
    shown = "DataFrames are different (value mismatch for column 'revenue')"
    for name in names:
        (issue,) = parse_registry({"issue": [entry(operations=[name])]}, tmp_path)
        assert match([issue], name, "streaming", "none", "mismatch", shown) == "x"
        others = [n for n in names if n != name] + ["join_left"]
        assert all(
            match([issue], n, "streaming", "none", "mismatch", shown) is None for n in others
        )
    (every,) = parse_registry({"issue": [entry(operations=["user.*"])]}, tmp_path)
    assert all(match([every], n, "streaming", "none", "mismatch", shown) == "x" for n in names)
    assert match([every], "join_left", "streaming", "none", "mismatch", shown) is None


@pytest.mark.parametrize("name", ["user.", "user", "users.q", "user.a b", "user..q", "user-q"])
def test_a_name_that_is_no_users_check_is_rejected(name: str, tmp_path: Path) -> None:
    with pytest.raises(ConformanceUsageError) as info:
        parse_registry({"issue": [entry(operations=[name])]}, tmp_path)
    assert f"unknown operation in known issue #1 (x) {name!r}" in str(info.value)
    assert str(info.value).endswith(", user.<function>")  # the form a valid name takes


# the streaming engine adds 1 to every `revenue` column (tests/test_user_queries.py plants the same)
_REVENUE_PLANT = """
import functools

import polars as pl

_collect = pl.LazyFrame.collect


@functools.wraps(_collect)
def collect(self, *args, **kwargs):
    out = _collect(self, *args, **kwargs)
    if kwargs.get("engine") == "streaming" and "revenue" in out.columns:
        return out.with_columns(pl.col("revenue") + 1)
    return out


pl.LazyFrame.collect = collect
"""


def test_a_users_query_discrepancy_is_explained_by_its_entry(tmp_path: Path) -> None:
    """End to end: a run given `--queries` loads an entry naming `user.regional_revenue`, and the
    planted discrepancy of that query is recorded as that known issue, not a new finding."""
    env = suite_env(tmp_path, _REVENUE_PLANT)
    Path(env["POLARS_CONFORMANCE_KNOWN_ISSUES"]).write_text(
        textwrap.dedent(
            """
            [[issue]]
            id = "planted-revenue"
            operations = ["user.regional_revenue"]
            lanes = ["streaming"]
            variants = ["all-on", "none"]
            polars = ">=0.1"
            outcomes = ["mismatch"]
            detail = 'value mismatch for column "revenue"'
            reason = "planted: the streaming engine adds 1 to revenue"
            """
        )
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "conformance/test_user_queries.py",
            "-p",
            "no:cacheprovider",
            f"--results-dir={tmp_path / 'results'}",
            f"--queries={USER_QUERIES}",
            "--engines=streaming",
            "--passes=none",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = run.stdout[-4000:] + run.stderr[-2000:]
    records = json.loads((tmp_path / "results" / "results.json").read_text())["records"]
    failing = [r for r in records if r["outcome"] == "mismatch"]
    assert failing, output
    assert {(r["operation"], r["known_issue"]) for r in failing} == {
        ("user.regional_revenue", "planted-revenue")
    }
    assert run.returncode == 0, output


def test_a_tall_frames_mismatch_shows_the_values_that_differ() -> None:
    """An entry's `detail` names its symptom, so a cell's detail must show it: a value mismatch
    in a frame taller than Polars prints is explained on the rows that differ, strings whole."""
    text = "{" + '"f": [{"g": null}]' * 5 + "}"  # longer than the 30 characters Polars prints
    expected = pl.DataFrame({"k": range(500), "json": ["null"] * 500})
    expected = expected.with_columns(json=pl.when(pl.col("k") == 250).then(pl.lit(text)))
    got = expected.with_columns(json=pl.when(pl.col("k") == 250).then(pl.lit("[null]")))
    for rules in (ORDERED, UNORDERED):
        diff = difference(expected, got, rules)
        assert diff is not None
        head, _, rows = diff.partition("\n--- rows ")
        assert head.startswith('DataFrames are different (value mismatch for column "json")')
        assert f'\t"{text}"\n]\n[right]: shape: (1,)' in head
        assert '\t"[null]"\n]' in head
        assert "of 500 as compared, the first whose 'json' differs: expected ---" in rows
        assert "250" in rows  # the row's other columns
    short = difference(expected.head(3), got.head(3).with_columns(k=pl.lit(7)), ORDERED)
    assert short is not None
    assert "--- rows" not in short  # a frame Polars prints whole is shown as the assertion does


def test_an_errors_message_keeps_what_tells_bugs_apart() -> None:
    """A panic's message prints the dtypes it met whole; what tells one bug from another (a
    field's `_PL_CATEGORICAL2` metadata) may come after the first 300 characters."""
    dtype = 'LargeList(Field { name: \\"item\\", dtype: Struct([Field { name: \\"f0\\" }]) })'
    message = f"The children DataTypes must equal. However, {dtype * 8} metadata: _PL_CATEGORICAL2"
    info = error_info(RuntimeError(f"{message}\nsecond line"))
    assert info.message == message
    assert info.message.endswith("_PL_CATEGORICAL2")
