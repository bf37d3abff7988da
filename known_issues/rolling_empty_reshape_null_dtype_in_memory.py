"""rolling().agg() over no rows: the in-memory engine computes an aggregation such as
x.reshape((-1, 1)) as a Null-typed column (List(Null) where collect_schema() and the streaming
engine have List(Array(Date, 1))), so an Array function after it (arr.get, arr.sum) raises
SchemaError (invalid series dtype: expected `Array`, got `null`) where the streaming engine
returns the empty frame.

group_by() and group_by_dynamic() over no rows, and rolling() over rows, keep the Array dtype on
both engines. The cause of rolling-approx-n-unique-empty-null-dtype (approx_n_unique, cum_sum and
reshape all come out Null there). Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
empty = pl.LazyFrame(schema={"t": pl.Date})


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
# the Array column itself: computed Null in memory, planned (and streamed) as an Array
query = empty.rolling(index_column="t", period="1d").agg(c("t").reshape((-1, 1)).alias("a"))
planned = query.collect_schema()["a"]
(got, _), (streamed, _) = run(query, "in-memory"), run(query, "streaming")
print(f"reshape: planned {planned}; in-memory {got.schema['a']}; streaming {streamed.schema['a']}")
failed |= got.schema["a"] != planned
# an Array function after it: the in-memory engine raises
query = empty.rolling(index_column="t", period="1d").agg(
    c("t").reshape((-1, 1)).arr.get(0).alias("a")
)
(_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
print(f"reshape.arr.get: in-memory {expected_error or 'a frame'}; streaming {error or got.shape}")
if expected_error and not error:
    print(f"baseline raised {expected_error}; this cell returned a frame")
    failed = True
sys.exit(1 if failed else 0)
