"""A literal sorted by a column: a ShapeError in memory, a broadcast frame on the streaming engine.

`with_columns(b=pl.lit(1).sort_by(pl.col("k")))` on a 3-row frame raises ShapeError in memory
(`sort_by` produced different length (3) than the Series that has to be sorted (1)), also with no
rows; the streaming engine returns the frame with the literal repeated. Seen on 1.44.2 and 2.1.0.
Exits 1 while the engines disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

query = pl.LazyFrame({"k": [2, 1, 3]}).with_columns(b=pl.lit(1).sort_by(pl.col("k")))
outcomes = {}
for engine in ("in-memory", "streaming"):
    try:
        outcomes[engine] = f"frame {query.collect(engine=engine).rows()}"
    except pl.exceptions.PolarsError as exc:
        outcomes[engine] = f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
print(f"Polars {pl.__version__}: {outcomes}")
if outcomes["in-memory"].startswith("raised") and outcomes["streaming"].startswith("frame"):
    print(f"baseline {outcomes['in-memory']}; this cell returned a frame")
sys.exit(0 if outcomes["in-memory"] == outcomes["streaming"] else 1)
