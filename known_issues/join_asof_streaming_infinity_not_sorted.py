"""join_asof on the streaming engine calls a sorted float key [-inf, 0.0, NaN] "not sorted".

The right frame's key is ascending (NaN sorts last). The in-memory engine joins; the streaming
engine raises InvalidOperationError ("argument in operation 'asof_join' is not sorted"). Exits 1
while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

left = pl.LazyFrame({"t": [-1.0, 0.0, 5.0]})
right = pl.LazyFrame({"t": [float("-inf"), 0.0, float("nan")], "b": [0, 1, 2]})
query = left.join_asof(right, on="t", strategy="backward")
in_memory = query.collect(engine="in-memory")
try:
    query.collect(engine="streaming")
except pl.exceptions.InvalidOperationError as exc:
    print(f"Polars {pl.__version__}: in-memory joins {in_memory['b'].to_list()}; streaming raises")
    # the suite's words for an error only one side raises
    print(f"baseline returned a frame; this cell raised InvalidOperationError: {exc}")
    sys.exit(1)
print(f"Polars {pl.__version__}: both engines join")
sys.exit(0)
