"""pl.cum_reduce(lambda acc, x: acc + x, [a, b]) is planned with each field of its input's own
dtype (Struct({k: UInt32, literal: Int32})), but the callback's sums come out as the supertype
(Int64) and nothing casts or checks them (map_batches raises SchemaError on such a result). The
streaming engine trusts the plan and panics: a first() reduction of the struct asserts
`values.dtype() == &self.in_dtype`, an equi-join on the field (`.unnest()` or `.struct.field()`)
panics in its Int32 key table (called `Option::unwrap()` on a `None` value) where the in-memory
engine raises ComputeError (datatypes of join keys don't match) or answers.

Seen on 1.44.2 and 2.1.0 (streaming, sink and, on 2.1, collect_all lanes; generated queries).
Exits 1 while the panics happen, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

c = pl.col
a = pl.LazyFrame({"k": [1, 2]}, schema={"k": pl.UInt32})
b = pl.LazyFrame({"k": [1, 300]}, schema={"k": pl.Int64})
cum = pl.cum_reduce(lambda acc, x: acc + x, [c("k"), pl.lit(256)])

print(f"Polars {pl.__version__}")
print(f"planned {a.select(cum).collect_schema()}, computed {a.select(cum).collect().schema}")
queries = {
    "cum_reduce().first()": a.select(cum.first()),
    "join on the unnested field": a.select(cum)
    .unnest("cum_reduce")
    .join(b, left_on="literal", right_on=c("k").cast(pl.Int32), how="full"),
}
failed = False
for label, query in queries.items():
    for engine in ("in-memory", "streaming"):
        try:
            result = query.collect(engine=engine)
            print(f"{label}, {engine}: answers {result.schema}")
        except PanicException as exc:
            print(f"{label}, {engine}: panicked: {str(exc).splitlines()[0]}")
            failed = True
        except pl.exceptions.PolarsError as exc:
            print(f"{label}, {engine}: raised {type(exc).__name__}: {str(exc).splitlines()[0]}")
sys.exit(1 if failed else 0)
