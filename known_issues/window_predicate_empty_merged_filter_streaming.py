"""A non-Boolean window predicate on no rows, a Boolean filter stacked on it: an error in memory,
the empty frame streaming with predicate pushdown off.

`filter(pl.lit(0).over("k")).filter(pl.col("b"))` of a frame with no rows: the in-memory engine
(every pass on) merges the two predicates and raises ComputeError ("& on Boolean and
Unknown(Int(0)) is not supported"; 1.44: SchemaError "cannot unpack series of type `i32` into
`bool`"); the streaming engine with predicate pushdown off returns the empty frame. (With pushdown
on the streaming engine panics: filter-window-literal-pushdown-schema-panic.) Seen on the
streaming lanes under -predicate_pushdown and none, 2.1.0 and 1.44.2.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import warnings

import polars as pl

warnings.simplefilter("ignore", DeprecationWarning)  # 1.44 warns about & on Boolean and integer
lf = pl.LazyFrame({"k": [], "b": []}, schema={"k": pl.Int8, "b": pl.Boolean})
query = lf.filter(pl.lit(0).over("k")).filter(pl.col("b"))
outcomes = {}
for label, run in (
    ("in-memory", lambda: query.collect(engine="in-memory")),
    (
        "streaming, -predicate_pushdown",
        lambda: query.collect(
            engine="streaming", optimizations=pl.QueryOptFlags(predicate_pushdown=False)
        ),
    ),
):
    try:
        outcomes[label] = f"frame {run().rows()}"
    except pl.exceptions.PolarsError as exc:
        outcomes[label] = f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
print(f"Polars {pl.__version__}: filter(pl.lit(0).over('k')).filter(c('b')): {outcomes}")
baseline, cell = outcomes["in-memory"], outcomes["streaming, -predicate_pushdown"]
if baseline.startswith("raised") and cell.startswith("frame"):
    print(f"baseline {baseline}; this cell returned a frame")
    sys.exit(1)
sys.exit(0)
