"""The streaming engine broadcasts a length-1 non-scalar column where in-memory raises ShapeError.

`select(x, first=x.head(1))` on a 3-row frame: in memory this is a ShapeError (only scalars are
broadcast); the streaming engine silently repeats the one value. Upstream:
https://github.com/pola-rs/polars/issues/26023
Exits 1 while the engines disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

query = pl.LazyFrame({"x": [1, 2, 3]}).select(pl.col("x"), first=pl.col("x").head(1))
outcomes = {}
for engine in ("in-memory", "streaming"):
    try:
        outcomes[engine] = f"frame {query.collect(engine=engine).to_dict(as_series=False)}"
    except pl.exceptions.PolarsError as exc:
        outcomes[engine] = f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
print(f"Polars {pl.__version__}: {outcomes}")
if outcomes["in-memory"].startswith("raised") and outcomes["streaming"].startswith("frame"):
    print(f"baseline {outcomes['in-memory']}; this cell returned a frame")
sys.exit(0 if outcomes["in-memory"] == outcomes["streaming"] else 1)
