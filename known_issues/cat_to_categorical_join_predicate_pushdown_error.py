"""cat.to(pl.Categorical()) of a Categorical column passes planning and raises ComputeError
(cannot cast categorical types to UInt32) only where rows reach it, so a remove()/filter() by it
after a join raises with predicate pushdown on and answers a frame with it off.

With predicate_pushdown on, the predicate on a right-hand column is pushed into the join's right
input, which has rows, and raises; without the pass (and with every pass off) it runs over the
join's output, here empty, and the query answers an empty frame. Both engines alike. Seen on 2.1.0
(the generated-query check: two join_where()s, the second on `c('z_w') > c('z_w')`, then
`.remove(c("k_w").cat.to(dtype=pl.Categorical(), strict=False).cat.starts_with("ab"), ...)`;
in-memory and streaming lanes, variants -predicate_pushdown and none). 1.44.2 raises SchemaError
over no rows too.
Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
left = pl.LazyFrame({"z": [1, 2]})
right = pl.LazyFrame({"k_w": ["a", "b"], "z_w": [5, 6]}, schema_overrides={"k_w": pl.Categorical})
# z > z_w holds for no pair: the join's output is empty
query = left.join_where(right, c("z") > c("z_w")).remove(
    c("k_w").cat.to(pl.Categorical(), strict=False).cat.starts_with("ab")
)


def run(engine, flags):
    try:
        return query.collect(engine=engine, optimizations=flags), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
_, expected_error = run("in-memory", pl.QueryOptFlags())
for engine in ("in-memory", "streaming"):
    for label, flags in (
        ("-predicate_pushdown", pl.QueryOptFlags(predicate_pushdown=False)),
        ("none", pl.QueryOptFlags.none()),
    ):
        got, error = run(engine, flags)
        print(
            f"{engine}, {label}: {error or got.shape}; in-memory, all passes on: "
            f"{expected_error or 'a frame'}"
        )
        if expected_error and not error:
            print(f"baseline raised {expected_error}; this cell returned a frame")
            failed = True
sys.exit(1 if failed else 0)
