"""Sessions users run: `nox -s tests` (the framework's own tests) and `nox -s conformance` (the suite).

`conformance` tests the newest Polars by default; pass `--polars=VERSION` to test another release:
    nox -s conformance -- --polars=1.44.2 --engines=streaming --ops='join_*'
and `--mode=pr` or `--mode=nightly` for a CI job's profile and failure policy.
Every other argument after `--` goes to pytest.
"""

from __future__ import annotations

import nox

nox.options.sessions = ["tests"]
nox.options.reuse_venv = "yes"

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


# `--mode=`: the Hypothesis profile and pytest options of a CI job (README "Replay corpus and CI
# modes"): `pr` replays the corpus and explores briefly, reporting new findings without failing;
# `nightly` explores deeply and fails on any finding.
MODES: dict[str, tuple[str, list[str]]] = {
    "pr": ("fast", ["--findings=report"]),
    "nightly": ("deep", []),
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
    polars, args = _polars_requirement(session.posargs)
    env, args = _mode(session, args)
    session.install(*_without_polars(DEPENDENCIES), polars)
    session.run("python", "-c", "import polars; print('Polars', polars.__version__)")
    session.run(
        "pytest",
        "conformance",
        "-n",
        "auto",
        "--junitxml=results/junit-conformance.xml",
        *args,
        env=env,
    )


@nox.session
def gpu(session: nox.Session) -> None:
    """The suite with cudf-polars installed (several GB; never part of the default run)."""
    session.install(*_without_polars(DEPENDENCIES), *GPU, GPU_POLARS)
    session.run(
        "pytest", "conformance", "-n", "auto", "--junitxml=results/junit-gpu.xml", *session.posargs
    )
