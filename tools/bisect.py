"""Find the Polars release where a reproducer's answer changes: `python -m tools.bisect SCRIPT`.

The script keeps the reproducer contract: exit 1 while the discrepancy is present, 0 when it is
absent (fixed, or not yet there), 2 when it cannot run. It runs on each published release in the
range (listed from PyPI's JSON API), each in its own cached virtual environment holding only that
Polars (`.nox/bisect/<version>`), never in this process: the controller imports no Polars.

The search assumes one change of answer in the range. It settles both ends first, linearly: from
each end it steps inward past releases that cannot be installed (no wheel for this platform) or
cannot run the script (exit 2, e.g. an API that came later), switching to a binary search for the
edge of that block after a few steps. It then binary-searches between the two ends for the change,
stepping past a block of releases that cannot run the same way; a change hidden inside such a
block is named as the releases between the last and first that ran. About log2(n) + 2 installs for
n releases. A discrepancy that came and went inside the range (both ends pass) needs a release it
fails on: `--fails-on=X` searches each side of X. The answer reads "fails from X to Y; passes on
Z" (or "passes on Z; fails from X to Y"), followed by every release it ran and its exit code;
releases that ran with an answer one change does not allow are named (the answer changed twice).
"""

from __future__ import annotations

import sys

if not __package__:  # `python tools/bisect.py` would shadow the standard library's `bisect`
    sys.exit("run it as a module from the checkout: python -m tools.bisect SCRIPT [options]")

import argparse
import json
import os
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPI_JSON = "https://pypi.org/pypi/polars/json"
DEFAULT_VENVS = ROOT / ".nox" / "bisect"
EDGE_STEPS = 2  # releases stepped over linearly at an end before searching for the first runnable

PASS, FAIL, CANNOT_RUN, NOT_INSTALLABLE = "passes", "fails", "cannot run", "not installable"
DEFINITE = (PASS, FAIL)


@dataclass(frozen=True)
class Run:
    """What one release said: its status, the exit code (None when it never ran) and why."""

    version: str
    status: str
    exit_code: int | None
    note: str = ""


Runner = Callable[[str], Run]


def version_key(version: str) -> tuple[int, ...]:
    """A final release `X.Y.Z` as a sortable tuple."""
    return tuple(int(part) for part in version.split("."))


_FINAL = re.compile(r"^\d+(\.\d+)*$")


def releases_in_range(available: Sequence[str], low: str | None, high: str | None) -> list[str]:
    """The final releases (no pre-releases) from `low` to `high`, inclusive, oldest first."""
    finals = sorted((v for v in available if _FINAL.match(v)), key=version_key)
    return [
        v
        for v in finals
        if (low is None or version_key(v) >= version_key(low))
        and (high is None or version_key(v) <= version_key(high))
    ]


def published_releases(url: str = PYPI_JSON) -> list[str]:
    """Every Polars release on PyPI that has files and is not yanked."""
    with urllib.request.urlopen(url, timeout=60) as response:
        data = json.load(response)
    return [
        version
        for version, files in data["releases"].items()
        if files and not all(f.get("yanked") for f in files)
    ]


class Bisection:
    """A search over `versions` (oldest first); each release runs at most once (`runs` may be
    shared between searches over neighbouring ranges)."""

    def __init__(self, versions: Sequence[str], runner: Runner, runs: dict[str, Run]) -> None:
        self.versions = list(versions)
        self.runner = runner
        self.runs = runs
        self.blocked: set[int] = set()  # inside a block of releases taken to be unable to run

    def probe(self, i: int) -> Run:
        version = self.versions[i]
        if version not in self.runs:
            run = self.runs[version] = self.runner(version)
            code = "-" if run.exit_code is None else run.exit_code
            print(f"  {version:<10} exit {code}: {run.status}", flush=True)
        return self.runs[version]

    def definite(self, i: int) -> bool:
        return i not in self.blocked and self.probe(i).status in DEFINITE

    def _end(self, start: int, step: int, stop: int) -> int | None:
        """The release nearest `start`, toward `stop` (inclusive), that passes or fails."""
        i = start
        for _ in range(EDGE_STEPS + 1):
            if self.definite(i):
                return i
            if i == stop:
                return None
            i += step
        if not self.definite(stop):
            return None
        return self._past_block(i - step, stop)

    def _past_block(self, bad: int, good: int) -> int:
        """From `bad` (cannot run or install) toward `good` (passes or fails), the first release
        that passes or fails, by binary search: those that cannot run are taken to be one block
        (what the script needs arrived, or left, in one release)."""
        start = bad
        while abs(good - bad) > 1:
            mid = (bad + good) // 2
            if self.definite(mid):
                good = mid
            else:
                bad = mid
        self.blocked.update(range(min(start, good) + 1, max(start, good)))
        return good

    def search(self) -> Transition:
        """Settle both ends, then find the change between them."""
        v = self.versions
        right = self._end(len(v) - 1, -1, 0)
        if right is None:
            return Transition(None, None, None, None, None, [])
        left = self._end(0, 1, right)
        assert left is not None  # `right` itself passes or fails
        start = self.probe(left).status
        if start == self.probe(right).status:
            return Transition(
                v[left], v[right], start, None, None, [], self._against(left, right, start)
            )
        lo, hi = left, right
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if not self.definite(mid):  # step past the block it sits in, rightward, else leftward
                mid = self._past_block(mid, hi)
                if mid == hi:
                    mid = self._past_block((lo + hi) // 2, lo)
                    if mid == lo:  # nothing between them settles: the change is in there
                        break
            if self.probe(mid).status == start:
                lo = mid
            else:
                hi = mid
        unsettled = [v[i] for i in range(lo + 1, hi)]
        end = self.probe(hi).status
        against = self._against(left, lo, start) + self._against(hi, right, end)
        return Transition(v[left], v[right], start, v[lo], v[hi], unsettled, against)

    def _against(self, first: int, last: int, status: str) -> list[str]:
        """Releases from `first` to `last` that ran with the other answer than `status`."""
        return [
            self.versions[i]
            for i in range(first, last + 1)
            if self.versions[i] in self.runs
            and self.runs[self.versions[i]].status in DEFINITE
            and self.runs[self.versions[i]].status != status
        ]


@dataclass(frozen=True)
class Transition:
    """What one search found: the settled ends (`first`, `last`, and the answer at `first`), and
    where the answer changed: the last release with the first answer (`before`) and the first with
    the other (`after`), None when both ends agree; releases between them that could not settle it
    are `unsettled`; releases that ran with the other answer where this one was expected (the
    answer changed more than once) are `against`."""

    first: str | None
    last: str | None
    start: str | None
    before: str | None
    after: str | None
    unsettled: list[str]
    against: list[str] = field(default_factory=list)  # releases that ran against the answer

    @property
    def changed(self) -> bool:
        return self.after is not None


def _gap(*found: Transition) -> str:
    names = [name for t in found for name in t.unsettled]
    text = f" (between them, cannot run or not tried: {', '.join(names)})" if names else ""
    against = [name for t in found for name in t.against]
    if against:
        text += (
            f"; but {', '.join(against)} gave the other answer: it changed more than once, "
            "so bisect a narrower range"
        )
    return text


def summary(found: Transition) -> str:
    """One line: "fails from X to Y; passes on Z", or what could not be decided."""
    if found.first is None:
        return "no release in the range could run the script: nothing to compare"
    if not found.changed and found.start == PASS:
        return f"passes at both ends, {found.first} and {found.last}{_gap(found)}"
    if not found.changed:
        return f"fails from {found.first} to {found.last}{_gap(found)}"
    if found.start == FAIL:
        return f"fails from {found.first} to {found.before}; passes on {found.after}{_gap(found)}"
    return f"passes on {found.before}; fails from {found.after} to {found.last}{_gap(found)}"


def window_summary(appeared: Transition, fixed: Transition) -> str:
    """The line for a search on each side of a release that fails: where it began and ended."""
    if appeared.first is None or fixed.first is None:
        return f"before: {summary(appeared)}; after: {summary(fixed)}"
    begin = appeared.after if appeared.changed else appeared.first
    end = fixed.before if fixed.changed else fixed.last
    passes = [v for v in (appeared.before, fixed.after) if v is not None]
    line = f"fails from {begin} to {end}"
    if passes:
        line += f"; passes on {' and on '.join(passes)}"
    if not appeared.changed:
        line += f" ({begin} is the oldest release that ran)"
    return line + _gap(appeared, fixed)


def table(runs: dict[str, Run]) -> list[str]:
    """Every release that ran, oldest first, with its exit code and status."""
    lines = []
    for version in sorted(runs, key=version_key):
        run = runs[version]
        code = "-" if run.exit_code is None else str(run.exit_code)
        note = f"  ({run.note})" if run.note else ""
        lines.append(f"  {version:<10} exit {code:<2} {run.status}{note}")
    return lines


# --- running a script on one release, in its own cached environment -----------------------------


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / "python"


def _installed(python: Path, version: str) -> bool:
    if not python.exists():
        return False
    probe = subprocess.run(
        [str(python), "-c", "import polars; print(polars.__version__)"],
        capture_output=True,
        text=True,
        check=False,
    )
    return probe.returncode == 0 and probe.stdout.strip() == version


def ensure_release(version: str, venvs: Path) -> Path | str:
    """The Python of a venv holding only Polars `version` (built once); or why it cannot be."""
    venv = venvs / version
    python = _venv_python(venv)
    if _installed(python, version):
        return python
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--only-binary=:all:", f"polars=={version}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if install.returncode != 0 or not _installed(python, version):
        shutil.rmtree(venv, ignore_errors=True)
        lines = (install.stderr or install.stdout).strip().splitlines()
        return lines[-1] if lines else "the installed Polars does not import"
    return python


def script_runner(script: Path, venvs: Path, timeout_s: float) -> Runner:
    """Run `script` with each release's Python; exit codes other than 0, 1, 2 mean cannot run."""

    def run(version: str) -> Run:
        python = ensure_release(version, venvs)
        if isinstance(python, str):
            return Run(version, NOT_INSTALLABLE, None, python)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        try:
            done = subprocess.run(
                [str(python), str(script)],
                capture_output=True,
                text=True,
                timeout=timeout_s,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Run(version, CANNOT_RUN, None, f"no exit within {timeout_s:.0f}s")
        status = {0: PASS, 1: FAIL}.get(done.returncode, CANNOT_RUN)
        lines = (done.stdout + done.stderr).strip().splitlines()
        return Run(version, status, done.returncode, lines[-1][:160] if lines else "")

    return run


def bisect_releases(
    versions: Sequence[str], runner: Runner, fails_on: str | None = None
) -> tuple[str, dict[str, Run]]:
    """The answer line and every run. With `fails_on` (a release in `versions` where the script
    fails), one search on each side of it: where the discrepancy appeared and where it was fixed.
    """
    runs: dict[str, Run] = {}
    if fails_on is None:
        found = Bisection(versions, runner, runs).search()
        line = summary(found)
        if found.first is not None and not found.changed and found.start == PASS:
            line += (
                "; if it fails in between, pass --fails-on=<a release where it fails> to find "
                "where it appeared and where it was fixed"
            )
        elif found.first is not None and not found.changed:
            before = (
                f"; the releases before it, from {versions[0]}, cannot run it"
                if found.first != versions[0]
                else ""
            )
            line += f" (present in the oldest release in the range that runs it{before})"
        return line, runs
    pivot = list(versions).index(fails_on)
    if (status := Bisection(versions, runner, runs).probe(pivot).status) != FAIL:
        return f"--fails-on={fails_on}: the script {status} there, it does not fail", runs
    appeared = Bisection(versions[: pivot + 1], runner, runs).search()
    fixed = Bisection(versions[pivot:], runner, runs).search()
    return window_summary(appeared, fixed), runs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bisect",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("script", type=Path, help="a reproducer (exit 1 present, 0 absent, 2 n/a)")
    parser.add_argument("--from", dest="low", help="oldest release to consider (default: 1.0.0)")
    parser.add_argument("--to", dest="high", help="newest release to consider (default: newest)")
    parser.add_argument(
        "--fails-on",
        help="a release where the script fails: search both where it appeared and where it was "
        "fixed (for a discrepancy that both ends of the range lack)",
    )
    parser.add_argument("--venvs", type=Path, default=DEFAULT_VENVS, help="venv cache directory")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per script run")
    args = parser.parse_args(argv)
    if not args.script.is_file():
        parser.error(f"no such script: {args.script}")
    try:
        available = published_releases()
    except OSError as exc:
        parser.error(f"cannot list Polars releases from {PYPI_JSON}: {exc}")
    versions = releases_in_range(available, args.low or "1.0.0", args.high)
    for option, bound in (("--from", args.low), ("--to", args.high), ("--fails-on", args.fails_on)):
        if bound is not None and bound not in versions:
            parser.error(
                f"{option}={bound} is not a published final Polars release in the range; "
                f"valid choices: {versions[0]} ... {versions[-1]}"
                if versions
                else f"{option}={bound}: no final Polars release in the range"
            )
    if not versions:
        parser.error(f"no final Polars release from {args.low} to {args.high}")
    print(f"{args.script}: {len(versions)} releases from {versions[0]} to {versions[-1]}")
    runner = script_runner(args.script.resolve(), args.venvs.resolve(), args.timeout)
    line, runs = bisect_releases(versions, runner, args.fails_on)
    print(f"\n{line}\n\nreleases run ({len(runs)}):")
    print("\n".join(table(runs)))
    return 0 if any(r.status in DEFINITE for r in runs.values()) else 2


if __name__ == "__main__":
    sys.exit(main())
