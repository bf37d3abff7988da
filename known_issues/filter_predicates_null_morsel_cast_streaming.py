"""filter() given several non-Boolean predicates (the first a Date or a Struct holding an Array of
Time, the second a Struct behind a window `over()`): the predicates are combined into one
Boolean-typed predicate, so the plan-time check "filter predicate must be of type `Boolean`" does
not fire and each is cast to Boolean at evaluation. That cast is unsupported for the dtype, yet it
succeeds on data that holds only nulls. The in-memory engine casts the whole column, which holds a
value, and raises InvalidOperationError (casting from Date to Boolean not supported; cannot cast
Array type (inner: 'Time', to: 'Boolean')); the streaming engine evaluates morsel by morsel, the
first morsel's column is all null, its cast passes and the Struct predicate raises SchemaError
(cannot unpack series of type `struct[1]` into `bool`) instead. Which error a query raises depends
on how its rows are split (with one thread a two-row frame is one morsel and both engines agree),
so the frame here holds 200,000 nulls before its value.

Seen on 2.1.0 (filter(c("m").over(c("t_right")), pl.struct(...).over(c("t"))) after a full join
whose rows leave m null before its one value); 1.44.2 has it too.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import datetime
import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
NULLS = 200_000


def frame(dtype, value):
    """NULLS null rows, then one holding `value`; `e` a Struct of Booleans, `k` one partition."""
    return pl.DataFrame(
        {
            "m": pl.Series([None], dtype=dtype)
            .extend_constant(None, NULLS - 1)
            .append(pl.Series([value], dtype=dtype))
            .rechunk(),
            "k": pl.repeat(1, NULLS + 1, eager=True),
            "e": pl.Series([{"f0": True}], dtype=pl.Struct({"f0": pl.Boolean})).extend_constant(
                None, NULLS
            ),
        }
    ).lazy()


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, dtype, value in (
    ("Date", pl.Date, datetime.date(2000, 2, 29)),
    (
        "Struct({'f0': Array(Time, 1)})",
        pl.Struct({"f0": pl.Array(pl.Time, 1)}),
        {"f0": [datetime.time(1)]},
    ),
):
    query = frame(dtype, value).filter(c("m"), c("e").over("k"))
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, m {label}: in-memory {expected_error or 'a frame'}; streaming {error or got.shape}"
    )
    if (expected_error is None) != (error is None) or (
        expected_error and expected_error.split(":")[0] != error.split(":")[0]
    ):
        print(f"baseline raised {expected_error}; this cell raised {error}")
        failed = True
sys.exit(1 if failed else 0)
