"""A column sorted by a one-row key: a ShapeError in memory, a frame on the streaming engine (1.44).

`select(pl.col("v").sort_by(pl.lit(1)))` on a 2-row frame raises ShapeError in memory on 1.44
(`sort_by` produced different length (1) than the Series that has to be sorted (2)); the streaming
engine broadcasts the key and returns the column. 2.1 broadcasts it on both engines. Seen on
1.44.2 (a generated select and filter). Exits 1 while the engines disagree, 0 once fixed. Needs
nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

query = pl.LazyFrame({"v": [3, 1]}).select(pl.col("v").sort_by(pl.lit(1)))
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
