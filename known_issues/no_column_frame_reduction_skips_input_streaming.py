"""A frame-wide reduction (LazyFrame.median(), .mean(), .sum(), .std()) of a frame whose remaining
columns the reduction plans as null literals (an Enum column's median is null.cast(Enum)), after
the numeric columns are dropped: the result reads no column of its input, and the streaming engine
never evaluates that input, so a filter before it that raises is not raised and one row of nulls
comes back; the in-memory engine evaluates the filter and raises. The filter here is cat.to() of an
Enum column (cat.to() takes the physical integers, not a categorical column): ComputeError: cannot
cast categorical types to UInt32 on 2.1, SchemaError: cannot convert column of type enum to cat
with physical type u32 on 1.44. On 2.1, cast({'k': pl.Int64}, strict=False) of a Categorical
column before a sort by it is another such step (ComputeError: cannot cast categorical types to
Int64; 1.44 casts to the physical integers).

The cause of no-column-select-skips-input-streaming, reached through a frame reduction and drop()
instead of a select. Seen on 1.44.2 and 2.1.0 (conformance query: top_k, filter(cat.to(...)),
median(), drop('b'), unique(), gather_every()). Exits 1 while the discrepancy exists, 0 once fixed,
2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
frame = pl.LazyFrame(
    {"k": ["a", "b"], "b": [True, False]},
    schema={"k": pl.Enum(["a", "b"]), "b": pl.Boolean},
)
failing = frame.filter(c("k").cat.to(pl.Categorical(), strict=False).is_null())


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
for name in ("median", "mean", "sum", "std"):
    query = getattr(failing, name)().drop("b")
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"filter(cat.to).{name}().drop('b'): in-memory {expected_error or 'a frame'}; "
        f"streaming {error or got.rows()}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
cast = pl.LazyFrame(
    {"k": ["a", "b"], "q": [b"x", None]}, schema={"k": pl.Categorical, "q": pl.Binary}
)
query = cast.cast({"k": pl.Int64}, strict=False).sort("k").drop("k").var()
(_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
print(
    f"cast(k: Int64).sort('k').drop('k').var(): in-memory {expected_error or 'a frame'}; "
    f"streaming {error or got.rows()}"
)
if expected_error and not error:
    print(f"baseline raised {expected_error}; this cell returned a frame")
    failed = True
sys.exit(1 if failed else 0)
