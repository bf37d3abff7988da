"""sink_batches() whose callback asks to stop (returns True) after the first batch, over a
select() holding both c("a").reverse() and c("a").shift(1) (or .diff()) of a frame of a few
hundred thousand rows or more: the streaming engine never returns. The process sits idle at 0%
CPU, its main thread parked in the async executor's schedule_task (a deadlock, not slow work).
Nondeterministic: it hangs within a few calls with up to 8 threads (POLARS_MAX_THREADS), not seen
in 30 calls with 16. Each part alone (reverse, shift, a sort beside shift), a full sink_batches,
collect(engine="streaming"), head(7) and breaking out of collect_batches all answer at once.

Seen on 2.1.0 (conformance catalog operation floordiv_mod_same_width, lane
sink_batches-early-stop: no result within 60.0s); 1.44.2 answers every call. The calls run in a
child process (this script again) with POLARS_MAX_THREADS=2, killed after LIMIT_S seconds.
Exits 1 while the hang is there, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import os
import subprocess
import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

CHILD = "SINK_BATCHES_EARLY_STOP_REVERSE_SHIFT_HANG_CHILD"
CALLS = 20
LIMIT_S = 10.0  # 20 calls answer in about 1 s where the bug is fixed (1.44.2)

if os.environ.get(CHILD):  # the child: the early-stopped sink, CALLS times
    import polars as pl

    c = pl.col
    lf = pl.LazyFrame({"a": pl.int_range(0, 2_000_000, dtype=pl.UInt64, eager=True)})
    query = lf.select(x=c("a").reverse(), y=c("a").shift(1))
    for i in range(CALLS):
        batches = []
        # True asks the sink to stop after this batch
        query.sink_batches(lambda batch, got=batches: got.append(batch) or True, chunk_size=7)
        print(f"call {i + 1}: {batches[0].height} rows", flush=True)
    sys.exit(0)

import polars as pl

print(f"Polars {pl.__version__}")
env = {**os.environ, CHILD: "1", "POLARS_MAX_THREADS": "2"}
try:
    child = subprocess.run(
        [sys.executable, os.path.abspath(__file__)], env=env, timeout=LIMIT_S, check=False
    )
except subprocess.TimeoutExpired:
    print(
        "lf.select(x=c('a').reverse(), y=c('a').shift(1)).sink_batches(stop after the first "
        "batch) hung:"
    )
    print(f"no result within {LIMIT_S}s")
    sys.exit(1)
if child.returncode != 0:
    print(f"the child process failed (exit code {child.returncode})")
    sys.exit(2)
print(f"all {CALLS} early-stopped sink_batches calls answered: fixed")
sys.exit(0)
