"""list.count_matches with a column as its element on no rows: an error in memory, a frame streaming.

`list.count_matches(pl.col("k"))` (one element per row, not one in all) of a window's list
(`x.over(k, mapping_strategy="join")`) in a frame with no rows raises ComputeError in memory
(argument expression in `list.count_matches` must produce exactly one element, got 0); the
streaming engine returns the empty frame (with a plain List column both raise). Seen on 1.44.2 and
2.1.0. Exits 1 while the engines disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
query = pl.LazyFrame({"k": [], "x": []}, schema={"k": pl.Boolean, "x": pl.Int64}).with_columns(
    n=c("x").over(c("k"), mapping_strategy="join").list.count_matches(c("k"))
)
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
