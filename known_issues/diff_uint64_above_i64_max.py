"""diff() of UInt64 values above the Int64 maximum: null in memory, an error on streaming.

diff() of a UInt64 column computes in Int64. For [2**63, 2**63, 2**63] (every difference is 0) the
in-memory engine casts non-strictly and answers null; the streaming engine casts strictly and
raises InvalidOperationError. Neither answers 0. Exits 1 while the engines disagree, 0 once they
agree. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

query = pl.LazyFrame({"v": [2**63] * 3}, schema={"v": pl.UInt64}).select(
    pl.col("v").diff(2, null_behavior="drop")
)
print(f"Polars {pl.__version__}")
results = {}
for engine in ("in-memory", "streaming"):
    try:
        results[engine] = query.collect(engine=engine)["v"].to_list()
    except pl.exceptions.InvalidOperationError as exc:
        results[engine] = f"InvalidOperationError: {str(exc).splitlines()[0]}"
    print(f"{engine:<10} {results[engine]}")
if isinstance(results["streaming"], str) and not isinstance(results["in-memory"], str):
    print(f"baseline returned a frame; this cell raised {results['streaming']}")
sys.exit(0 if results["in-memory"] == results["streaming"] else 1)
