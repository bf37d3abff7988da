"""The framework's own tests keep out of a user's conformance results.

The root conftest starts a fresh record set in `--results-dir` and writes reports there at the end
of every session, this one included. The suite runs these tests start last 15 seconds of budget
(`POLARS_CONFORMANCE_BUDGET`) unless a test says otherwise. Unless `--results-dir` is given, the framework's tests get a
private directory, shared with their xdist workers, so running them never wipes the `results/` of
the last conformance run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from conformance.run import watch
from conformance.run.budget import ENV_VAR as BUDGET_ENV

PRIVATE = pytest.StashKey[Path]()
_WORKER_KEY = "polars_conformance_results_dir"
# The suite runs these tests start in a subprocess last their budget: a short one, unless a test
# (or the caller) sets its own.
os.environ.setdefault(BUDGET_ENV, "15s")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    worker = getattr(config, "workerinput", None)
    if worker is not None:  # an xdist worker: the controller's choice
        if _WORKER_KEY in worker:
            config.option.results_dir = worker[_WORKER_KEY]
        return
    if Path(config.option.results_dir).resolve() != config.rootpath / "results":
        return  # a directory the caller chose
    private = Path(tempfile.mkdtemp(prefix="polars-conformance-tests-"))
    config.stash[PRIVATE] = private
    config.option.results_dir = str(private)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: each worker writes its records into the controller's private directory."""
    if PRIVATE in node.config.stash:
        node.workerinput[_WORKER_KEY] = str(node.config.stash[PRIVATE])


def pytest_unconfigure(config: pytest.Config) -> None:
    if PRIVATE in config.stash:
        shutil.rmtree(config.stash[PRIVATE], ignore_errors=True)


@pytest.fixture(autouse=True)
def _untainted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts in a process no abandoned query has tainted: a test that times a query out
    on purpose would otherwise make every later `drive` in its xdist worker retire after its
    first example (`conformance.run.watch.tainted`)."""
    monkeypatch.setattr(watch, "_abandoned_threads", 0)
