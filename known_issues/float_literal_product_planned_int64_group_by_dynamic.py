"""product() of an untyped float literal, or of a when/then mixing one with a Boolean column
(pl.when(b).then(pl.lit(float("inf"))).otherwise(b).product()), is planned as Int64
(collect_schema()) but computed as Float64, so group_by_dynamic() on it disagrees between engines:
the in-memory engine raises InvalidOperationError (unsupported data type: f64 for temporal/index
column), the streaming engine accepts the planned Int64 index and raises SchemaError (type Float64
is incompatible with expected type Int64) stacking the computed Float64.

The planning half of float-literal-cum-prod-planned-int64-panic (there cum_prod()). Seen on 2.1.0
(the generated-query check: with_columns_seq(pl.when(...).then(pl.lit(float('inf')))
.otherwise(<Boolean list.agg>).product()), unpivot, group_by_dynamic('value'); streaming lanes).
1.44.2 plans Int64 too, and its streaming engine panics (entered unreachable code) instead.
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
frame = pl.LazyFrame({"k": ["a", "b"], "b": [True, False]})
product = pl.when(c("b")).then(pl.lit(float("inf"))).otherwise(c("b")).product()
with_product = frame.with_columns(product.alias("e"))
query = with_product.sort("e").group_by_dynamic("e", every="2i").agg(c("k").min())


def run(engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


planned = with_product.collect_schema()["e"]
computed = with_product.collect(engine="in-memory").schema["e"]
print(f"Polars {pl.__version__}: product() planned {planned}, computed {computed}")
(_, expected_error), (got, error) = run("in-memory"), run("streaming")
print(
    f"group_by_dynamic on it: in-memory {expected_error or 'a frame'}; streaming {error or got.shape}"
)
failed = planned != computed
if expected_error and error and expected_error.split(":")[0] != error.split(":")[0]:
    print(f"baseline raised {expected_error}; this cell raised {error}")
    failed = True
sys.exit(1 if failed else 0)
