"""A non-Boolean window predicate on no rows: an error in memory, the empty frame streaming.

`filter(pl.lit(0).over("k"))` of a frame with no rows raises ComputeError in memory ("filter
predicate must be of type `Boolean`, got `i32`"; `list[i32]` with mapping_strategy="join"), and
`remove((pl.col("q") + pl.col("q")).over("k"))` of a Binary column raises SchemaError (could not
evaluate comparison between series 'q' of dtype: Binary and series 'literal' of dtype: Boolean);
the streaming engine returns the empty frame. With rows both engines raise; an elementwise
predicate (pl.lit(0)) raises on both even with no rows. 1.44.2 and 2.1.0 alike.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

lf = pl.LazyFrame({"k": [], "q": []}, schema={"k": pl.Int8, "q": pl.Binary})
failed = False
for label, query in (
    ("filter(pl.lit(0).over('k'))", lf.filter(pl.lit(0).over("k"))),
    (
        "filter(pl.lit(127).over('k', mapping_strategy='join'))",
        lf.filter(pl.lit(127).over("k", mapping_strategy="join")),
    ),
    ("remove((q + q).over('k'))", lf.remove((pl.col("q") + pl.col("q")).over("k"))),
):
    outcomes = {}
    for engine in ("in-memory", "streaming"):
        try:
            outcomes[engine] = f"frame {query.collect(engine=engine).rows()}"
        except pl.exceptions.PolarsError as exc:
            outcomes[engine] = f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
    print(f"Polars {pl.__version__}: {label}: {outcomes}")
    if outcomes["in-memory"].startswith("raised") and outcomes["streaming"].startswith("frame"):
        print(f"baseline {outcomes['in-memory']}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
