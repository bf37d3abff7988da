"""drop_nans(subset=[a Binary column]) followed by filter(pl.lit(False)) raises with every
optimizer pass on and with every pass off, but returns an empty frame when only predicate
pushdown is off.

`is_nan` is not supported for Binary (nor Struct, Categorical, ...), and the planner does not
reject it (`collect_schema()` answers), so whether the query raises depends on whether its
filter is evaluated. With every pass on, predicate pushdown folds the two filters into
`false & col("q").is_not_nan()`, which is evaluated and raises InvalidOperationError (`is_nan`
operation not supported for dtype `binary`), as the unoptimized plan does; with predicate
pushdown off, simplify_expression turns filter(pl.lit(False)) into an empty frame and the
drop_nans filter beneath it is never evaluated, on both engines. Found by the generated-query
check on 2.1.0 (in-memory lane, variant -predicate_pushdown); 1.44.2 does the same.
Exits 1 while the optimizer variants disagree, 0 once they agree. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

query = pl.LazyFrame({"q": [b"a", None]}).drop_nans(subset=["q"]).filter(pl.lit(False))


def run(engine, optimizations):
    try:
        return query.collect(engine=engine, optimizations=optimizations), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
for engine in ("in-memory", "streaming"):
    _, expected_error = run(engine, pl.QueryOptFlags())
    _, unoptimized_error = run(engine, pl.QueryOptFlags.none())
    got, error = run(engine, pl.QueryOptFlags(predicate_pushdown=False))
    print(
        f"{engine}: all passes on {expected_error or 'a frame'}; every pass off "
        f"{unoptimized_error or 'a frame'}; predicate_pushdown off {error or got.shape}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
