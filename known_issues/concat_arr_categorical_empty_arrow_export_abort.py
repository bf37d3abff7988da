"""pl.concat_arr() of Categorical (or Enum) columns over no rows returns an empty
Array(Categorical) column that the Arrow C stream interface cannot export: reading its
`__arrow_c_stream__` (pl.Series(obj), pyarrow, any PyCapsule consumer) panics in
arrow_export/categorical.rs (called `Option::unwrap()` on a `None` value) inside an `extern "C"`
callback, which cannot unwind, so Rust aborts the whole process (SIGABRT: "panic in a function
that cannot unwind", "thread caused non-unwinding panic. aborting.").

An empty Array(Categorical) made any other way (`pl.Series([], dtype=pl.Array(pl.Categorical, 2))`,
`.head(0)` of a non-empty concat_arr result, `reshape`) and concat_arr of String columns over no
rows export fine. Found by the generated-query check as a crash of the checking process while it
compared the in-memory lane's result with the baseline: the sorted-flag check reads the flagged
baseline column through its Arrow C stream. Seen on 1.44.2 and 2.1.0, on both engines. The export
runs in a child process (the abort would take this one with it).
Exits 1 while the export aborts, 0 once it answers. Needs nothing but Polars.
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

dtype = {"Categorical": pl.Categorical, "String": pl.String}[sys.argv[1]]
column = (
    pl.LazyFrame({"k": []}, schema={"k": dtype})
    .select(pl.concat_arr(pl.col("k"), pl.col("k")))
    .collect(engine="in-memory")
    .to_series()
)


class Stream:  # hands Polars the column's Arrow C stream and nothing else
    def __arrow_c_stream__(self, requested_schema=None):
        return column.__arrow_c_stream__(requested_schema)


print(column.dtype, pl.Series(Stream()).len(), "rows read back")
"""

print(f"Polars {pl.__version__}")
env = {**os.environ, "RUST_BACKTRACE": "0"}
died = False
for inner in ("String", "Categorical"):  # String: the control, which must answer
    child = subprocess.run(
        [sys.executable, "-c", CHILD, inner], capture_output=True, text=True, env=env, timeout=120
    )
    if child.returncode < 0 and inner == "Categorical":  # killed by a signal: the abort
        lines = [
            ln.strip()
            for ln in child.stderr.splitlines()
            if ln.startswith(("thread ", "called ", "panic in "))
        ]
        # the suite's words for the cell whose checking process read the baseline's column
        print(
            f"concat_arr of an empty {inner} column, read through its Arrow C stream: the checking "
            f"process died (exit code {child.returncode}) during comparing with the baseline\n"
            + "\n".join(lines)
        )
        died = True
    elif child.returncode == 0:
        print(f"concat_arr of an empty {inner} column: {child.stdout.strip()}")
    else:
        print(f"{inner}: the child failed (exit code {child.returncode}): {child.stderr[-500:]}")
        sys.exit(2)
sys.exit(1 if died else 0)
