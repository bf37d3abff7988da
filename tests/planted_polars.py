"""Bugs planted in Polars itself, for tests whose finding must also reproduce standalone.

A planted lane corrupts results inside the suite only; a standalone reproducer runs plain Polars and
would not see it. These plants patch `LazyFrame.collect` instead: a test applies one in its own
process (`monkeypatch`), and `write_shim` puts it in a `sitecustomize.py` that every Python process
started with that directory on PYTHONPATH runs first (a configuration lane's child, a reproducer and
its candidate's process). The bug is then "in Polars" wherever the query runs; without the shim the
same reproducer meets a fixed Polars.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def planted_collect(
    original: Callable[..., Any], kind: str, threshold: int = 0
) -> Callable[..., Any]:
    """`collect` with one planted bug: the last row is lost.

    - `one-thread`: whenever the thread pool has a single thread;
    - `distinct-keys`: on the streaming engine, whenever the result has over `threshold` rows
      (a group-by's one row per distinct key).
    """
    import functools

    import polars as pl

    @functools.wraps(original)  # keeps the signature the suite reads `engine=` from
    def collect(self: Any, *args: Any, **kwargs: Any) -> Any:
        df = original(self, *args, **kwargs)
        single = kind == "one-thread" and pl.thread_pool_size() == 1
        many = kind == "distinct-keys" and kwargs.get("engine") == "streaming"
        if (single or (many and df.height > threshold)) and df.height > 1:
            return df.head(-1)
        return df

    return collect


def write_shim(directory: Path, kind: str, threshold: int = 0) -> Path:
    """A `sitecustomize.py` in `directory` that plants the bug in any process that imports it."""
    directory.mkdir(parents=True, exist_ok=True)
    code = (
        "from __future__ import annotations\n\n"
        "from collections.abc import Callable\nfrom typing import Any\n\nimport polars\n\n\n"
        f"{inspect.getsource(planted_collect)}\n\n"
        "polars.LazyFrame.collect = planted_collect("
        f"polars.LazyFrame.collect, {kind!r}, {threshold})\n"
    )
    path = directory / "sitecustomize.py"
    path.write_text(code, encoding="utf-8")
    return path


def run_script(
    path: Path, shim: Path | None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """`python path` with the shim directory (if any) as the only PYTHONPATH entry."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if shim is not None:
        env["PYTHONPATH"] = str(shim)
    return subprocess.run(
        [sys.executable, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def suite_env(tmp_path: Path, plant: str | None) -> dict[str, str]:
    """The environment of a small suite run in a subprocess: the fast profile, an empty registry,
    one thread, and (given its source) a `sitecustomize.py` plant as the only PYTHONPATH entry."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    registry = tmp_path / "registry.toml"
    registry.write_text("")
    env.update(
        POLARS_CONFORMANCE_PROFILE="fast",
        POLARS_CONFORMANCE_KNOWN_ISSUES=str(registry),
        POLARS_MAX_THREADS="1",
    )
    if plant is not None:
        directory = tmp_path / "plant"
        directory.mkdir(exist_ok=True)
        (directory / "sitecustomize.py").write_text(plant)
        env["PYTHONPATH"] = str(directory)
    return env
