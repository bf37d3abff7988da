"""Sessions users run: `nox -s tests` (the framework's own tests) and `nox -s conformance` (the suite).

`conformance` tests the newest Polars by default; pass `--polars=VERSION` to test another release:
    nox -s conformance -- --polars=1.44.2 --engines=streaming --ops='join_*'
and `--mode=pr` or `--mode=nightly` for a CI job's profile and failure policy. The run lasts its
budget: `--budget=10m` (or `POLARS_CONFORMANCE_BUDGET`), else the profile's.
Every other argument after `--` goes to pytest.

`upgrade` compares two releases on the same generated cases, and `bisect` finds the release where
a reproducer's answer changes (README: "Upgrade report", "Bisection").
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import nox

nox.options.sessions = ["tests"]
nox.options.reuse_venv = "yes"

ROOT = Path(__file__).resolve().parent
PROJECT = nox.project.load_toml("pyproject.toml")["project"]
DEPENDENCIES: list[str] = PROJECT["dependencies"]
DEV: list[str] = PROJECT["optional-dependencies"]["dev"]
GPU: list[str] = PROJECT["optional-dependencies"]["gpu"]
# The newest cudf-polars-cu12 supports only this Polars range.
GPU_POLARS = "polars>=1.35,<1.45"


def _without_polars(requirements: list[str]) -> list[str]:
    return [r for r in requirements if not r.startswith("polars")]


def _polars_requirement(args: list[str]) -> tuple[str, list[str]]:
    """Split `--polars=VERSION` (or a full requirement such as `polars<2`) off the pytest args."""
    for arg in args:
        if arg.startswith("--polars="):
            spec = arg.split("=", 1)[1]
            rest = [a for a in args if a is not arg]
            return (spec if spec.startswith("polars") else f"polars=={spec}"), rest
    return "polars", args


# `--mode=`: the profile (a named time budget) and pytest options of a CI job (README "Replay
# corpus and CI modes"): `pr` replays the corpus and explores briefly, reporting new findings
# without failing; `nightly` explores for an hour and fails on any finding. `--budget=DURATION`
# after `--` overrides the profile's budget either way.
MODES: dict[str, tuple[str, list[str]]] = {
    "pr": ("fast", ["--findings=report"]),
    "nightly": ("nightly", []),
}


def _mode(session: nox.Session, args: list[str]) -> tuple[dict[str, str], list[str]]:
    """Split `--mode=pr|nightly` off the pytest args: (environment, pytest args)."""
    for arg in args:
        if arg.startswith("--mode="):
            mode = arg.split("=", 1)[1]
            if mode not in MODES:
                session.error(f"unknown --mode {mode!r}; valid choices: {', '.join(MODES)}")
            profile, options = MODES[mode]
            rest = [a for a in args if a is not arg]
            return {"POLARS_CONFORMANCE_PROFILE": profile}, [*options, *rest]
    return {}, args


# nox imports this file as it starts, before it creates a session's environment
_NOX_STARTED = time.time()


def _started() -> dict[str, str]:
    """When nox started, for the run's budget: creating and installing the session's environment
    count against it, as they do on the user's clock."""
    return {"POLARS_CONFORMANCE_STARTED": repr(_NOX_STARTED)}


@nox.session
def tests(session: nox.Session) -> None:
    """The framework's own tests (planted discrepancies, options, records, reports) and ruff."""
    session.install(*DEPENDENCIES, *DEV)
    session.run("ruff", "check", ".")
    session.run(
        "pytest", "tests", "-n", "auto", "--junitxml=results/junit-tests.xml", *session.posargs
    )


@nox.session
def conformance(session: nox.Session) -> None:
    """Every catalog operation x engine lane x optimizer variant against the chosen Polars."""
    started = _started()
    polars, args = _polars_requirement(session.posargs)
    env, args = _mode(session, args)
    session.install(*_without_polars(DEPENDENCIES), polars)
    session.run("python", "-c", "import polars; print('Polars', polars.__version__)")
    session.run(
        "pytest",
        "conformance",
        "-n",
        "auto",
        # an idle worker takes the next check from a busy one's queue: each check is sized to
        # its share of the budget on the assumption that every worker is busy to the end
        "--dist=worksteal",
        "--junitxml=results/junit-conformance.xml",
        *args,
        env={**env, **started},
    )


@nox.session
def gpu(session: nox.Session) -> None:
    """The suite with cudf-polars installed (several GB; never part of the default run)."""
    started = _started()
    session.install(*_without_polars(DEPENDENCIES), *GPU, GPU_POLARS)
    session.run(
        "pytest",
        "conformance",
        "-n",
        "auto",
        "--dist=worksteal",
        "--junitxml=results/junit-gpu.xml",
        *session.posargs,
        env=started,
    )


# --- upgrade report and bisection: one cached environment per Polars release --------------------

UPGRADE_OPTIONS = {
    # option: the commands of `python -m conformance.run.upgrade` (or the report) that take it
    "ops": ("draw",),
    "examples": ("draw",),
    "seed": ("draw",),
    "engines": ("replay", "time"),
    "passes": ("replay",),
    "cell-timeout": ("replay", "time"),
    "jobs": ("replay",),
    "repeats": ("time",),
    "timing-ratio": ("report",),
    "timing-floor-ms": ("report",),
}


def _release_python(session: nox.Session, root: Path, version: str, packages: list[str]) -> str:
    """The Python of `<root>/<version>`, a venv holding `packages` and Polars `version`; built
    once and reused while its requirements are unchanged."""
    venv = root / version
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    marker = venv / "polars-conformance-requirements.txt"
    wanted = "\n".join([*packages, f"polars=={version}"])
    if python.exists() and marker.exists() and marker.read_text(encoding="utf-8") == wanted:
        return str(python)
    shutil.rmtree(venv, ignore_errors=True)
    session.run(sys.executable, "-m", "venv", str(venv), external=True)
    session.run(str(python), "-m", "pip", "install", "-q", *wanted.splitlines(), external=True)
    marker.write_text(wanted, encoding="utf-8")
    return str(python)


def _upgrade_options(session: nox.Session) -> tuple[str, str, Path, dict[str, list[str]]]:
    """`--from`, `--to`, `--out` and the remaining `--name=value` options, by the step that
    takes them; anything else stops the session with the valid choices."""
    values: dict[str, str] = {}
    valid = ["from", "to", "out", *UPGRADE_OPTIONS]
    for arg in session.posargs:
        name, _, value = arg.removeprefix("--").partition("=")
        if not arg.startswith("--") or name not in valid or not value:
            session.error(
                f"unknown option {arg!r}; valid choices: " + ", ".join(f"--{v}=..." for v in valid)
            )
        values[name] = value
    if "from" not in values or "to" not in values:
        session.error("give both releases: nox -s upgrade -- --from=1.44.2 --to=2.1.0 [options]")
    steps: dict[str, list[str]] = {"draw": [], "replay": [], "time": [], "report": []}
    for name, takers in UPGRADE_OPTIONS.items():
        if name in values:
            for step in takers:
                steps[step].append(f"--{name}={values[name]}")
    old, new = values["from"], values["to"]
    out = Path(values.get("out", f"results/upgrade-{old}-to-{new}"))
    return old, new, out, steps


@nox.session(venv_backend="none")
def upgrade(session: nox.Session) -> None:
    """Upgrade report: the same generated cases replayed on two Polars releases, compared.

    nox -s upgrade -- --from=1.44.2 --to=2.1.0 [--ops=... --engines=... --passes=... --jobs=N]
    Cases are drawn once on --from and saved (query source, inputs as Arrow IPC); each release
    replays that saved set in its own cached venv (.nox/upgrade/<version>); both are then timed
    alternately in one session; the reports go to results/upgrade-<from>-to-<to>/ (or --out).
    """
    old, new, out, steps = _upgrade_options(session)
    packages = _without_polars(DEPENDENCIES)
    python = {
        v: _release_python(session, ROOT / ".nox" / "upgrade", v, packages) for v in (old, new)
    }
    module = ("-m", "conformance.run.upgrade")
    cases = out / "cases.json"
    results = {v: out / f"polars-{v}" for v in (old, new)}
    session.run(python[old], *module, "draw", f"--cases={cases}", *steps["draw"], external=True)
    for version in (old, new):
        session.run(
            python[version],
            *module,
            "replay",
            f"--cases={cases}",
            f"--results-dir={results[version]}",
            *steps["replay"],
            external=True,
        )
    session.run(
        python[new],
        *module,
        "time",
        f"--cases={cases}",
        f"--old-python={python[old]}",
        f"--old-results={results[old] / 'results.json'}",
        f"--new-python={python[new]}",
        f"--new-results={results[new] / 'results.json'}",
        *steps["time"],
        external=True,
    )
    session.run(
        python[new],
        "-m",
        "reports.upgrade",
        str(results[old] / "results.json"),
        str(results[new] / "results.json"),
        f"--out={out}",
        *steps["report"],
        external=True,
    )


@nox.session(venv_backend="none")
def bisect(session: nox.Session) -> None:
    """Find the Polars release where a reproducer's answer changes (exit 1 present, 0 absent,
    2 cannot run), each release in its own cached venv (.nox/bisect/<version>):

    nox -s bisect -- known_issues/streaming_nan_min_infinity.py [--from=1.30.0 --to=2.1.0]
    """
    if not session.posargs:
        session.error(
            "give a reproducer: nox -s bisect -- path/to/reproducer.py "
            "[--from=X.Y.Z] [--to=X.Y.Z] [--fails-on=X.Y.Z]"
        )
    session.run(sys.executable, "-m", "tools.bisect", *session.posargs, external=True)
