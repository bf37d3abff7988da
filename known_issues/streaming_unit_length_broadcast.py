"""The streaming engine broadcasts a length-1 non-scalar column where in-memory raises ShapeError.

`select(x, first=x.head(1))` on a 3-row frame: in memory this is a ShapeError (only scalars are
broadcast; `with_columns` raises InvalidOperationError); the streaming engine silently repeats the
one value. Upstream:
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

frame = pl.LazyFrame({"x": [1, 2, 3]})
failed = False
# select reports a ShapeError, with_columns an InvalidOperationError, for the same one-row column
for label, query in (
    ("select", frame.select(pl.col("x"), first=pl.col("x").head(1))),
    ("with_columns", frame.with_columns(first=pl.col("x").head(1))),
    # the other way round: a longer column beside a one-row frame's
    ("with_columns on one row", frame.head(1).with_columns(pl.repeat(1, 2).alias("x"))),
):
    outcomes = {}
    for engine in ("in-memory", "streaming"):
        try:
            outcomes[engine] = f"frame {query.collect(engine=engine).to_dict(as_series=False)}"
        except pl.exceptions.PolarsError as exc:
            outcomes[engine] = f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
    print(f"Polars {pl.__version__}: {label}: {outcomes}")
    if outcomes["in-memory"].startswith("raised") and outcomes["streaming"].startswith("frame"):
        print(f"baseline {outcomes['in-memory']}; this cell returned a frame")
    failed = failed or outcomes["in-memory"] != outcomes["streaming"]
sys.exit(1 if failed else 0)
