"""pl.when().then().otherwise() with a branch pl.lit(1).approx_quantile(0.5) (or of
pl.int_range of literals): the streaming engine raises ComputeError (`quantile` should not contain
null values) wherever some row takes the other branch, also with every optimization off; the
in-memory engine answers.

approx_quantile of a column there, quantile() and median() of the literal answer on both engines.
approx_quantile is new in 2.x. Seen on 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
frame = pl.LazyFrame({"k": [True, False]})
query = frame.select(pl.when(c("k")).then(0).otherwise(pl.lit(1).approx_quantile(0.5)))


def run(engine: str) -> str:
    try:
        return f"frame {query.collect(engine=engine).to_series().to_list()}"
    except pl.exceptions.PolarsError as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


in_memory, streaming = run("in-memory"), run("streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory}; streaming {streaming}")
if in_memory.startswith("frame") and not streaming.startswith("frame"):
    print(f"baseline returned a frame; this cell raised {streaming}")
sys.exit(0 if in_memory == streaming else 1)
