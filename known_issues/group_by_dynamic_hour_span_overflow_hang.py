"""group_by_dynamic with an hour-based `every` ('36h', '48h', '96h') never finishes on an index
whose values span more than 2**63 nanoseconds (about 292.3 years), even a microsecond Datetime or
a Date index of two rows (three windows): the in-memory engine spins at 100% CPU. A span of 292
years answers in milliseconds, as do day-based windows ('2d', '4d') over any span, so this is a
hang, not a slow query (an i64 nanosecond overflow, as in group_by_dynamic_ns_span_overflow_panic.py,
which panics on a Datetime('ns') index). Seen on 1.44.2 and 2.1.0, in a generated query whose
Date index spans 0473-01-08 to 1861-04-11 (every='36h').
Exits 1 while the query hangs, 0 once it answers. Needs nothing but Polars.
"""

import subprocess
import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

# the control answers in milliseconds, in a process that imports Polars in under a second: a limit
# of 5 s tells a hang from a slow answer, and a fixed release from a slow machine
LIMIT_S = 5
QUERY = """
import datetime, polars as pl
frame = pl.LazyFrame({"t": [datetime.datetime(1000, 1, 8), datetime.datetime(%d, 4, 11)]})
query = frame.group_by_dynamic("t", every="48h").agg(pl.len())
print(query.collect(engine="in-memory").height)
"""


def windows(last_year: int) -> str | None:
    """The window count, or None where the query does not finish within LIMIT_S seconds."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", QUERY % last_year],
            capture_output=True,
            text=True,
            timeout=LIMIT_S,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    return done.stdout.strip()


print(f"Polars {pl.__version__}")
control = windows(1292)  # 292.3 years: fewer nanoseconds than an i64 holds
if control is None:
    sys.exit("the control query (a 292-year span) did not finish either: cannot judge")
print(f"a 292-year span (1000-01-08 to 1292-04-11), every='48h': {control} windows")
result = windows(1295)
if result is None:
    print(f"a 295-year span (1000-01-08 to 1295-04-11), every='48h': no answer in {LIMIT_S} s")
    print("the baseline (in-memory, all-on) timed out")
    sys.exit(1)
print(f"a 295-year span, every='48h': {result} windows")
sys.exit(0)
