"""arr.head/slice/tail(as_array=True) of an Array with a logical inner dtype (Array(Date)) computes
the physical inner dtype (Array(Int32)) while the plan says Array(Date)
(arr-slice-as-array-physical-inner-dtype). A diagonal pl.concat of such a frame with one lacking
the column (filled with nulls of the planned dtype) raises SchemaError in memory (type Date is
incompatible with expected type Int32); over an empty frame whose with_columns also holds a
non-row-wise expression (cum_sum, rolling_corr) the streaming engine never evaluates it, emits the
planned Array(Date) and returns an empty frame. With rows both engines raise SchemaError.

Seen on 2.1.0 (a generated query: pl.concat([a.with_columns(c("r").arr.slice(1, as_array=True),
pl.rolling_corr(...)), ...select('r', 'e1')], how='diagonal_relaxed') over an empty
Array(Array(Date, 1), 1) column); reproduces on 1.44.2.
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
empty = pl.LazyFrame({"r": []}, schema={"r": pl.Array(pl.Date, 1)})
sliced = empty.with_columns(
    c("r").arr.head(1, as_array=True).alias("e0"), c("r").arr.len().cum_sum().alias("n")
)
query = pl.concat([sliced, empty], how="diagonal")


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


print(f"Polars {pl.__version__}: planned {sliced.collect_schema()}")
(_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
print(f"  in-memory {expected_error or 'a frame'}; streaming {error or got.schema}")
failed = bool(expected_error) and not error
if failed:
    print(f"baseline raised {expected_error}; this cell returned a frame")
sys.exit(1 if failed else 0)
