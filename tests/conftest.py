"""The framework's own tests keep out of a user's conformance results.

The root conftest starts a fresh record set in `--results-dir` and writes reports there at the end
of every session, this one included. Unless `--results-dir` is given, the framework's tests get a
private directory, so running them never wipes the `results/` of the last conformance run.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

PRIVATE = pytest.StashKey[Path]()


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # xdist workers inherit the controller's options, the private directory included.
    if hasattr(config, "workerinput"):
        return
    if Path(config.option.results_dir).resolve() != config.rootpath / "results":
        return  # a directory the caller chose
    private = Path(tempfile.mkdtemp(prefix="polars-conformance-tests-"))
    config.stash[PRIVATE] = private
    config.option.results_dir = str(private)


def pytest_unconfigure(config: pytest.Config) -> None:
    if PRIVATE in config.stash:
        shutil.rmtree(config.stash[PRIVATE], ignore_errors=True)
