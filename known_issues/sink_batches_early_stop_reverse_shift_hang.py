"""sink_batches() whose callback asks to stop (returns True) after the first batch, over a
select() holding c("a").reverse() beside c("a").shift(1) (or .diff()), or c("a").shift(-2)
beside c("a").shift(1) (or .diff()), of a frame of a few hundred thousand rows or more: the
streaming engine never returns. The process sits idle at 0% CPU, its main thread parked in the
async executor's schedule_task (a deadlock, not slow work). Nondeterministic: it hangs within a
few calls with up to 8 threads (POLARS_MAX_THREADS), not seen in 30 calls with 16. Each part alone
(reverse, shift(1), shift(-2)), reverse or shift(-2) beside cum_sum, a full sink_batches,
collect(engine="streaming"), head(7) and breaking out of collect_batches all answer at once.

Seen on 2.1.0 (conformance catalog operations floordiv_mod_same_width, a // a.reverse() beside
a.floordiv(a.shift(1)), and shift_diff_cum_sum, shift(1) beside shift(-2) and diff(); lane
sink_batches-early-stop: no result within 60.0s); 1.44.2 answers every call. Each form's calls
run in a child process (this script again) with POLARS_MAX_THREADS=2, killed after LIMIT_S
seconds (the second form runs only where the first answers). Exits 1 while either form hangs, 0
once fixed, 2 when it cannot run. Needs nothing but Polars.
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
FORMS = {
    "reverse": "lf.select(x=c('a').reverse(), y=c('a').shift(1))",
    "shift": "lf.select(x=c('a').shift(-2), y=c('a').shift(1))",
}

if os.environ.get(CHILD):  # the child: the early-stopped sink, CALLS times
    import polars as pl

    c = pl.col
    lf = pl.LazyFrame({"a": pl.int_range(0, 2_000_000, dtype=pl.UInt64, eager=True)})
    if os.environ[CHILD] == "reverse":
        query = lf.select(x=c("a").reverse(), y=c("a").shift(1))
    else:
        query = lf.select(x=c("a").shift(-2), y=c("a").shift(1))
    for i in range(CALLS):
        batches = []
        # True asks the sink to stop after this batch
        query.sink_batches(lambda batch, got=batches: got.append(batch) or True, chunk_size=7)
        print(f"call {i + 1}: {batches[0].height} rows", flush=True)
    sys.exit(0)

import polars as pl

print(f"Polars {pl.__version__}")
hung = False
for form, text in FORMS.items():
    env = {**os.environ, CHILD: form, "POLARS_MAX_THREADS": "2"}
    try:
        child = subprocess.run(
            [sys.executable, os.path.abspath(__file__)],
            env=env,
            timeout=LIMIT_S,
            check=False,
            stdout=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        print(f"{text}.sink_batches(stop after the first batch) hung:")
        print(f"no result within {LIMIT_S}s")
        hung = True
        break  # one hang shows the bug: every main job runs this, so the next form waits no more
    if child.returncode != 0:
        print(f"the child process failed (exit code {child.returncode})")
        sys.exit(2)
    print(f"{text}: all {CALLS} early-stopped sink_batches calls answered")
sys.exit(1 if hung else 0)
