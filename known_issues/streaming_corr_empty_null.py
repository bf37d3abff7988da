"""pl.corr() of an empty column is NaN in memory and null on the streaming engine.

The Pearson correlation of two empty columns (or of an empty column and a literal, once a
filter has emptied the frame) is NaN in memory, as with one row or constant columns; the
streaming engine answers null. Broadcast beside rows (with_columns(e=pl.corr(...)) of two empty
columns), sink_batches stopped after its first batch hands out rows holding null where the full
(in-memory) result holds NaN (2.1.0; 1.44.2's sink_batches answers NaN there). Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing
but Polars.
"""

import math
import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

query = pl.LazyFrame({"w": []}, schema={"w": pl.Float64}).select(
    e0=pl.corr(pl.col("w"), pl.col("w"))
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory['e0'][0]}, streaming {streaming['e0'][0]}")
failed = False
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    failed = True

# broadcast beside rows, read back by sink_batches stopped after the first batch (the suite's
# sink_batches-early-stop lane: every row it hands out must be a row of the full result)
rows = pl.LazyFrame({"a": [1, 2]}).with_columns(e=pl.corr(pl.int_range(0), pl.int_range(0)))
full = rows.collect(engine="in-memory")
batches = []
rows.sink_batches(lambda batch: batches.append(batch) or True, chunk_size=7)  # True: stop


def key(row):  # the suite's row identity: every NaN alike
    return repr(["nan" if isinstance(v, float) and math.isnan(v) else v for v in row])


full_keys = {key(r) for r in full.iter_rows()}
missing = [key(r) for r in pl.concat(batches).iter_rows() if key(r) not in full_keys]
if missing:
    print(f"rows not in the full result: {missing!r}\n--- expected (baseline) ---\n{full}")
    failed = True
sys.exit(1 if failed else 0)
