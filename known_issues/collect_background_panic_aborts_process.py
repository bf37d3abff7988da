"""collect(background=True) aborts the whole process (SIGABRT) when the query panics, where
collect() raises PanicException.

The query runs as a rayon::spawn job (LazyFrame::collect_concurrently) that does not catch a
panic, so Rust prints "Rayon: detected unexpected panic; aborting" and the interpreter dies with
exit code -6 instead of fetch_blocking() raising. The query used here is shift().over() of a
two-chunk Array(Struct({"f": Categorical})) column, which panics in memory ("It is not possible
to concatenate arrays of different data types", the nested-categorical-metadata-panic family):
collect() raises PanicException, collect(background=True).fetch_blocking() aborts (a panicking
reverse() of an Array(String) column aborts it alike). Found by the generated-query check as a
crash of the checking process on the collect-background lane of over_order_by, where that panic
came only on some runs of a 406-chunk input (the baseline's run did not panic). Seen on 1.44.2
and 2.1.0 (1.44 panics again in exitable.rs, RecvError, before the abort). Each collect runs in a
child process (the abort would take this one with it).
Exits 1 while the background collect aborts, 0 once it raises (or answers). Needs nothing but
Polars.
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
from polars.exceptions import PanicException

dtype = pl.Array(pl.Struct({"f": pl.Categorical}), 1)
part = pl.DataFrame({"k": [1, 1], "x": [None, [{"f": "a"}]]}, schema={"k": pl.Int64, "x": dtype})
df = pl.concat([part, part], rechunk=False)
query = df.lazy().with_columns(lag=pl.col("x").shift(1).over("k"))
try:
    if sys.argv[1] == "background":
        result = query.collect(background=True).fetch_blocking()
    else:
        result = query.collect(engine="in-memory")
    print(f"answered {result.shape}")
except PanicException as exc:
    print(f"raised PanicException: {str(exc).splitlines()[0]}")
"""

print(f"Polars {pl.__version__}")
env = {**os.environ, "RUST_BACKTRACE": "1"}
died = False
for mode in ("collect", "background"):  # collect: the control, which must come back
    child = subprocess.run(
        [sys.executable, "-c", CHILD, mode], capture_output=True, text=True, env=env, timeout=120
    )
    if child.returncode < 0 and mode == "background":  # killed by a signal: the abort
        lines = [
            ln.strip()
            for ln in child.stderr.splitlines()
            if "execute_projection_cached_window_fns" in ln or ln.startswith("Rayon:")
        ]
        # the suite's words for the cell whose checking process ran the collect-background lane
        print(
            f"collect(background=True): the checking process died (exit code {child.returncode})"
            " during running on collect-background, all-on\n" + "\n".join(lines[-2:])
        )
        died = True
    elif child.returncode == 0:
        print(f"{mode}: {child.stdout.strip()}")
    else:
        print(f"{mode}: the child failed (exit code {child.returncode}): {child.stderr[-500:]}")
        sys.exit(2)
sys.exit(1 if died else 0)
