"""The streaming engine broadcasts a length-1 non-scalar column where in-memory raises ShapeError.

`select(x, first=x.head(1))` on a 3-row frame: in memory this is a ShapeError (only scalars are
broadcast); the streaming engine silently repeats the one value. Upstream:
https://github.com/pola-rs/polars/issues/26023
Exits 1 while the engines disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

query = pl.LazyFrame({"x": [1, 2, 3]}).select(pl.col("x"), first=pl.col("x").head(1))
outcomes = {}
for engine in ("in-memory", "streaming"):
    try:
        outcomes[engine] = f"frame {query.collect(engine=engine).to_dict(as_series=False)}"
    except pl.exceptions.PolarsError as exc:
        outcomes[engine] = f"error {type(exc).__name__}"
print(f"Polars {pl.__version__}: {outcomes}")
sys.exit(0 if outcomes["in-memory"] == outcomes["streaming"] else 1)
