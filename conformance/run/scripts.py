"""Standalone scripts (the registered reproducers) run one after another in one Python process.

Starting Python and importing Polars costs most of a second, and a reproducer runs for a few
milliseconds: a run that checks every registered reproducer spent most of that time starting
processes. So a `ScriptRunner` keeps one process (`python -m conformance.run.scripts`) and runs
each script there as its own `__main__` (`runpy`), with what it writes to file descriptor 1
captured (its prints and whatever Polars or a child process writes there), and the exit code a
separate process would have had: `sys.exit`'s code, 0 at its end, and for an uncaught exception
what the script's own `sys.excepthook` decides (Python's 1 where it sets none).

Between scripts the process puts back what a script may change: `sys.argv`, `sys.path` (which
starts with the script's directory, as in its own process), `sys.excepthook`, the working
directory, Polars' `Config`. A script that sets environment variables (Polars reads its
knobs once per process) runs in a process of its own, as does every script after the shared
process overran a script's time limit or died in one: that process is killed and the script's
result is the timeout or the exit code, as for a process of its own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from conformance.engines.isolated import QueryCrash, QueryTimeout, _recv, _send

ROOT = Path(__file__).resolve().parents[2]
START_LIMIT_S = 120.0
# a script that sets its own environment needs a process whose Polars has not read it yet
_OWN_PROCESS = re.compile(r"\benviron\b|\bputenv\b")


@dataclass(frozen=True)
class Finished:
    """How one script ended: its exit code (None: it ran past its limit) and its output."""

    returncode: int | None
    stdout: str


class ScriptRunner:
    """Runs scripts in one reused process (started on first use), or in their own."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None

    def run(self, path: Path, timeout_s: float) -> Finished:
        if _OWN_PROCESS.search(path.read_text(encoding="utf-8", errors="replace")):
            return run_alone(path, timeout_s)
        proc = self._start()
        _send(proc.stdin, str(path))
        try:
            code, stdout = _recv(proc.stdout.fileno(), timeout_s)  # type: ignore[union-attr]
        except QueryTimeout:
            self.close()
            return Finished(None, "")
        except QueryCrash:
            code = proc.wait()
            self._proc = None
            return Finished(code, "")
        return Finished(code, stdout)

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "conformance.run.scripts"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # as a reproducer's own process: only its stdout is read
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), _PATH)))},
        )
        _recv(self._proc.stdout.fileno(), START_LIMIT_S)  # type: ignore[union-attr]
        return self._proc

    def close(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None


_PATH = os.environ.get("PYTHONPATH", "")


def run_alone(path: Path, timeout_s: float) -> Finished:
    """`python path` in a process of its own."""
    try:
        proc = subprocess.run(
            [sys.executable, str(path)],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Finished(None, "")
    return Finished(proc.returncode, proc.stdout)


def _exit_code(code: object) -> int:
    """The exit status `sys.exit(code)` gives a process."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)  # Python prints any other object and exits 1
    return 1


def _run_here(path: str) -> int:
    """`path` as `__main__` in this process: the exit code its own process would have had."""
    import runpy

    hook, argv, cwd, search = sys.excepthook, sys.argv, os.getcwd(), list(sys.path)
    sys.argv = [path]
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))  # as `python path` has it
    try:
        runpy.run_path(path, run_name="__main__")
        return 0
    except SystemExit as exc:
        return _exit_code(exc.code)
    except BaseException as exc:  # uncaught, as Python would end it: through sys.excepthook
        try:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        except SystemExit as hooked:
            return _exit_code(hooked.code)
        return 1
    finally:
        sys.excepthook, sys.argv, sys.path[:] = hook, argv, search
        os.chdir(cwd)
        if "polars" in sys.modules:
            sys.modules["polars"].Config.restore_defaults()


def _serve() -> None:
    protocol: IO[bytes] = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # between scripts nothing may garble the replies
    inbox = sys.stdin.buffer.fileno()
    _send(protocol, "ready")
    while True:
        try:
            path: Any = _recv(inbox, None)
        except QueryCrash:  # the runner closed the pipe
            return
        with tempfile.TemporaryFile() as out:
            sys.stdout.flush()
            saved = os.dup(1)
            os.dup2(out.fileno(), 1)
            try:
                code = _run_here(path)
            finally:
                sys.stdout.flush()
                os.dup2(saved, 1)
                os.close(saved)
            out.seek(0)
            stdout = out.read().decode(errors="replace")
        _send(protocol, (code, stdout))


if __name__ == "__main__":
    _serve()
