"""pl.cov of a column holding NaN (or inf) with a unit-length aggregate (y.mean(), y.first(),
y.std()) is 0.0 in memory and NaN on the streaming engine.

The aggregate is one value broadcast over the column; with it broadcast by hand (`c("y") * 0`, a
column of one constant) the in-memory engine gives NaN too, as IEEE arithmetic does (NaN - mean
is NaN), so the in-memory 0.0 is the wrong side. Without NaN or inf both engines give 0.0. Seen on
1.44.2 and 2.1.0 in a generated query's `pl.cov(c("e5").extend_constant(...), c("k").std(ddof=0))`,
on sink_batches with an early stop. (pl.cov of a column with a pl.lit() panics on the streaming
engine instead: streaming-corr-literal-not-broadcast-panic.)
Exits 1 while the engines differ, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import math

import polars as pl

c = pl.col
frame = pl.LazyFrame({"x": [float("nan"), 1.0, 2.0], "y": [0.0, 1.0, 5.0]})
print(f"Polars {pl.__version__}")
by_hand = (
    frame.select(pl.cov(c("x"), c("y").mean() + c("y") * 0)).collect(engine="in-memory").item()
)
print(f"in-memory, the mean broadcast by hand: {by_hand}")
query = frame.select(pl.cov(c("x"), c("y").mean()))
memory = query.collect(engine="in-memory").item()
streaming = query.collect(engine="streaming").item()
print(f"pl.cov(x holding NaN, y.mean()): in-memory {memory}, streaming {streaming}")
same = (math.isnan(memory) and math.isnan(streaming)) or memory == streaming
if not same:
    print(
        f"cov of a NaN column with a unit-length aggregate: in-memory {memory} != streaming {streaming}"
    )
sys.exit(0 if same else 1)
