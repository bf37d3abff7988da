"""The framework's own tests keep out of a user's conformance results.

The root conftest starts a fresh record set in `--results-dir` and writes reports there at the end
of every session, this one included. Unless `--results-dir` is given, the framework's tests get a
private directory, shared with their xdist workers, so running them never wipes the `results/` of
the last conformance run.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

PRIVATE = pytest.StashKey[Path]()
_WORKER_KEY = "polars_conformance_results_dir"


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
