"""remove() with a List-typed predicate on an empty frame: an error in memory, a frame streaming.

`LazyFrame.remove(pl.col("k").implode())` compares the predicate with a Boolean literal; the
in-memory engine raises SchemaError (could not evaluate comparison between series of dtype
List(Int8) and Boolean) even when there are no rows, while the streaming engine returns an empty
frame (on one row both raise). Seen on 1.44.2 and 2.1.0.
Exits 1 while the engines disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

query = pl.LazyFrame({"k": []}, schema={"k": pl.Int8}).remove(pl.col("k").implode())
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
