"""In-memory group_by_dynamic aborts the process (SIGABRT) allocating a slot for every window of
the index's range, empty or not: "memory allocation of 8000000000000016 bytes failed".

`pl.LazyFrame({"z": [0, 10**15]}).group_by_dynamic("z", every="1i").agg(pl.len())` has two
non-empty windows, and the streaming engine returns them, but the in-memory engine reserves one
8-byte entry per `every` step between the first and the last index value (10**15 of them here)
and Rust aborts the whole process when that allocation fails: no Python exception, the
interpreter dies with exit code -6. Found by the generated-query check as a crash of the checking
process while it ran the in-memory baseline of `.dt.timestamp()` values (microseconds over years)
grouped with every='1i' (a Datetime index with every='1us' does the same). Seen on 1.44.2 and
2.1.0. The query runs in a child process (the abort would take this one with it).
Exits 1 while the in-memory engine aborts, 0 once it answers. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import os
import subprocess

import polars as pl

CHILD = """
import sys
import polars as pl
query = (
    pl.LazyFrame({"z": [0, 10**15]})
    .group_by_dynamic("z", every="1i")
    .agg(pl.len().alias("n"))
)
print(query.collect(engine=sys.argv[1]).rows())
"""

print(f"Polars {pl.__version__}")
env = {**os.environ, "RUST_BACKTRACE": "0"}
died = False
for engine in ("streaming", "in-memory"):
    child = subprocess.run(
        [sys.executable, "-c", CHILD, engine], capture_output=True, text=True, env=env, timeout=120
    )
    if child.returncode < 0:  # killed by a signal: the abort
        message = next((ln for ln in child.stderr.splitlines() if "memory allocation" in ln), "")
        # the suite's words for the cell whose checking process ran the in-memory baseline
        print(
            f"{engine}: the checking process died (exit code {child.returncode}) during running "
            f"on {engine}, all-on: {message or child.stderr.strip()[-300:]}"
        )
        died = True
    elif child.returncode == 0:
        print(f"{engine}: {child.stdout.strip()}")
    else:
        print(f"{engine}: the child failed (exit code {child.returncode}): {child.stderr[-500:]}")
        sys.exit(2)
sys.exit(1 if died else 0)
