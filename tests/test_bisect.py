"""`tools.bisect`: the release search, with a fake "run this release" instead of installs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from tools import bisect
from tools.bisect import (
    CANNOT_RUN,
    FAIL,
    NOT_INSTALLABLE,
    PASS,
    Run,
    bisect_releases,
    releases_in_range,
)

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = [f"1.{i}.0" for i in range(60)]


def fake(
    fails: Callable[[int], bool], cannot_run: Iterable[int] = (), no_wheel: Iterable[int] = ()
) -> tuple[Callable[[str], Run], list[str]]:
    """A runner over VERSIONS, and the list of releases it was asked to run, in order."""
    asked: list[str] = []
    blocked, missing = set(cannot_run), set(no_wheel)

    def run(version: str) -> Run:
        asked.append(version)
        i = VERSIONS.index(version)
        if i in missing:
            return Run(version, NOT_INSTALLABLE, None, "no wheel for this platform")
        if i in blocked:
            return Run(version, CANNOT_RUN, 2)
        return Run(version, FAIL, 1) if fails(i) else Run(version, PASS, 0)

    return run, asked


def test_names_the_release_that_fixed_it_with_few_runs() -> None:
    run, asked = fake(lambda i: i < 37)
    line, runs = bisect_releases(VERSIONS, run)
    assert line == "fails from 1.0.0 to 1.36.0; passes on 1.37.0"
    assert len(asked) == len(set(asked)) <= 9  # log2(60) + the two ends, each release once
    assert {runs["1.36.0"].exit_code, runs["1.37.0"].exit_code} == {1, 0}


def test_names_the_first_release_it_appears_in() -> None:
    run, _ = fake(lambda i: i >= 12)
    line, _ = bisect_releases(VERSIONS, run)
    assert line == "passes on 1.11.0; fails from 1.12.0 to 1.59.0"


def test_edges_step_past_releases_that_cannot_run() -> None:
    """The oldest releases lack an API the script needs (exit 2): the search starts after them."""
    run, asked = fake(lambda i: i < 40, cannot_run=range(0, 30))
    line, runs = bisect_releases(VERSIONS, run)
    assert line == "fails from 1.30.0 to 1.39.0; passes on 1.40.0"
    assert runs["1.0.0"].status == CANNOT_RUN
    assert len(asked) < 20


def test_uninstallable_releases_are_skipped_and_named() -> None:
    run, _ = fake(lambda i: i < 17, no_wheel=(15, 16))
    line, runs = bisect_releases(VERSIONS, run)
    assert line.startswith("fails from 1.0.0 to 1.14.0; passes on 1.17.0")
    assert "1.15.0, 1.16.0" in line
    assert runs["1.15.0"].status == NOT_INSTALLABLE
    assert runs["1.15.0"].exit_code is None


def test_no_change_in_the_range_says_so_and_how_to_look_inside() -> None:
    run, _ = fake(lambda i: 20 <= i < 50)  # came and went: both ends pass
    line, _ = bisect_releases(VERSIONS, run)
    assert line.startswith("passes at both ends, 1.0.0 and 1.59.0")
    assert "--fails-on" in line


def test_releases_that_ran_against_a_single_change_are_named() -> None:
    """A script that exits 0 where it should exit 2 (an API it catches as an ordinary error) makes
    the answer change twice; the releases seen with the other answer are named, not hidden."""
    run, _ = fake(lambda i: i < 13 or i >= 33, cannot_run=range(10))
    line, runs = bisect_releases(VERSIONS, run)
    assert line.startswith("fails from 1.10.0 to 1.59.0")
    passed = [v for v, r in runs.items() if r.status == PASS]
    assert passed
    assert f"but {', '.join(sorted(passed, key=bisect.version_key))} gave the other answer" in line


def test_fails_on_finds_where_it_appeared_and_where_it_was_fixed() -> None:
    run, _ = fake(lambda i: 20 <= i < 50, cannot_run=range(5, 15))
    line, _ = bisect_releases(VERSIONS, run, fails_on="1.44.0")
    assert line == "fails from 1.20.0 to 1.49.0; passes on 1.19.0 and on 1.50.0"


def test_fails_on_a_release_that_does_not_fail_is_refused() -> None:
    run, _ = fake(lambda i: False)
    line, _ = bisect_releases(VERSIONS, run, fails_on="1.44.0")
    assert line == "--fails-on=1.44.0: the script passes there, it does not fail"


def test_a_bug_still_open_is_named_from_the_first_release_that_runs_it() -> None:
    run, _ = fake(lambda i: True, cannot_run=range(15))
    line, _ = bisect_releases(VERSIONS, run)
    assert line == (
        "fails from 1.15.0 to 1.59.0 (present in the oldest release in the range that runs it; "
        "the releases before it, from 1.0.0, cannot run it)"
    )


def test_nothing_runs() -> None:
    run, _ = fake(lambda i: True, cannot_run=range(60))
    line, _ = bisect_releases(VERSIONS, run)
    assert line.startswith("no release in the range could run the script")


def test_releases_in_range_are_final_releases_in_version_order() -> None:
    available = ["1.10.0", "1.9.0", "2.0.0rc2", "1.2.1", "0.20.31", "2.1.0", "1.0.0b1"]
    assert releases_in_range(available, "1.0.0", "2.1.0") == ["1.2.1", "1.9.0", "1.10.0", "2.1.0"]
    assert releases_in_range(available, None, "1.9.0") == ["0.20.31", "1.2.1", "1.9.0"]


def test_unknown_release_is_one_line_naming_the_range(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(bisect, "published_releases", lambda: ["1.30.0", "1.31.0", "2.1.0"])
    script = tmp_path / "repro.py"
    script.write_text("raise SystemExit(1)\n")
    with pytest.raises(SystemExit):
        bisect.main([str(script), "--from=1.29.9"])
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert "--from=1.29.9 is not a published final Polars release" in err
    assert "1.30.0 ... 2.1.0" in err


def test_script_runner_maps_exit_codes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The runner reads 0, 1 and 2 (anything else: cannot run) from the script on each release."""
    monkeypatch.setattr(bisect, "ensure_release", lambda version, venvs: Path(sys.executable))
    runs = {}
    for code in (0, 1, 2, 3):
        script = tmp_path / f"exit{code}.py"
        script.write_text(f"print('answer {code}')\nraise SystemExit({code})\n")
        runs[code] = bisect.script_runner(script, tmp_path, 30)("9.9.9")
    assert [runs[c].status for c in (0, 1, 2, 3)] == [PASS, FAIL, CANNOT_RUN, CANNOT_RUN]
    assert runs[1].note == "answer 1"
    monkeypatch.setattr(bisect, "ensure_release", lambda version, venvs: "no matching wheel")
    assert bisect.script_runner(script, tmp_path, 30)("9.9.9").status == NOT_INSTALLABLE


def test_run_as_a_script_path_is_refused_with_the_module_form() -> None:
    """`python tools/bisect.py` would shadow the standard library's bisect: it says how instead."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "bisect.py"), "x.py"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "python -m tools.bisect" in done.stderr


def test_registry_entries_carry_the_release_a_bisection_found(tmp_path: Path) -> None:
    """`first_seen` is optional, must be a release, and reaches the run reports via describe()."""
    from conformance.errors import ConformanceUsageError
    from conformance.judge.known_issues import load_registry, parse_registry

    base = {
        "id": "x",
        "operations": ["join_left"],
        "lanes": ["streaming"],
        "variants": ["all-on"],
        "polars": ">=1.25",
        "outcomes": ["mismatch"],
        "detail": "value mismatch",
        "reason": "because",
    }
    (plain,) = parse_registry({"issue": [base]}, tmp_path)
    assert "first_seen" not in plain.describe()
    (dated,) = parse_registry({"issue": [{**base, "first_seen": "1.25.2"}]}, tmp_path)
    assert dated.describe()["first_seen"] == "1.25.2"
    with pytest.raises(ConformanceUsageError, match="'first_seen' must be a Polars release"):
        parse_registry({"issue": [{**base, "first_seen": "soon"}]}, tmp_path)
    seen = {i.id: i.first_seen for i in load_registry() if i.first_seen}
    assert seen["streaming-nan-min-infinity"] == "1.25.2"
