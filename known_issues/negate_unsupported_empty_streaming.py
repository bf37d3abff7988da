"""Negating an unsigned column raises in memory but not on the streaming engine when the frame is empty.

`-col` has no kernel for unsigned integers: both engines raise InvalidOperationError on any
input, except that the streaming engine returns an empty frame for an empty one when the same
`select` also holds an aggregation. Exits 1 while the discrepancy exists, 0 once fixed.
Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

query = pl.LazyFrame(schema={"a": pl.UInt8}).select(neg=-pl.col("a"), max=pl.col("a").max())
outcomes = {}
for engine in ("in-memory", "streaming"):
    try:
        outcomes[engine] = f"returned {query.collect(engine=engine).shape}"
    except pl.exceptions.InvalidOperationError as exc:
        outcomes[engine] = f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
print(f"Polars {pl.__version__}: {outcomes}")
if outcomes["in-memory"].startswith("raised") and outcomes["streaming"].startswith("returned"):
    print(f"baseline {outcomes['in-memory']}; this cell returned a frame")
sys.exit(0 if len({o.split(":")[0] for o in outcomes.values()}) == 1 else 1)
