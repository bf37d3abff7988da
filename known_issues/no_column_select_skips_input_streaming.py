"""A select that reads no column of its input (an aggregated literal, or LazyFrame.max() of a Null
column, which the plan turns into a null literal): the streaming engine never evaluates the input,
so a filter before it that raises is not raised and one row comes back; the in-memory engine
evaluates the filter and raises (InvalidOperationError: `by` column in `rolling_*_by` must be the
same length as values column; ComputeError: argument expression in `list.count_matches` must
produce exactly one element; cat.to() of a Categorical column: ComputeError: cannot cast
categorical types to UInt8 on 2.1, SchemaError: cannot convert column of type cat to enum with
physical type u8 on 1.44; interpolate_by with a null in `by`: InvalidOperationError: null values in
`by` column are not yet supported in 'interpolate_by' expression). Where the select itself raises
(dt.replace(day=0) of a literal datetime), the streaming engine raises that error instead.

On 1.44.2 a plain pl.lit() select shows it too; on 2.1.0 the in-memory engine skips the input of a
plain literal select as well, but not of an aggregated one. Seen on 1.44.2 and 2.1.0.
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
frame = pl.LazyFrame(
    {"x": [1, 2, 3], "q": [None, None, None], "y": ["a", "b", "c"]},
    schema={"x": pl.Int64, "q": pl.Null, "y": pl.Categorical},
)
failing_filters = {
    # a one-row `by` beside a three-row column
    "rolling_min_by": c("x").rolling_min_by(pl.lit(5), window_size="1i") > 0,
    # a three-row element for a one-row list
    "list.count_matches": pl.lit([1, 2]).list.count_matches(c("x")) > 0,
    # cat.to() takes the physical integers, not a Categorical column: ComputeError (2.1: cannot
    # cast categorical types to UInt8) or SchemaError (1.44: cannot convert column of type cat to
    # enum with physical type u8)
    "cat.to": c("y").cat.to(pl.Enum(["a", "b", "c"])).is_null(),
    # a null to interpolate (the second row's) by a `by` holding a null (the first row's)
    "interpolate_by": pl.when(c("x") != 2)
    .then(c("x"))
    .interpolate_by(pl.when(c("x") > 1).then(c("x")))
    .is_null(),
}
# a select reading no column that raises itself: day 0 is no date
bad_date = pl.lit(datetime.datetime(1969, 12, 31)).dt.replace(day=pl.lit(0))


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
for name, predicate in failing_filters.items():
    for label, query in (
        ("select(pl.lit(1).sum())", frame.filter(predicate).select(pl.lit(1).sum())),
        ("max().select(<Null column>)", frame.filter(predicate).max().select("q")),
        ("select(<dt.replace(day=0) of a literal>)", frame.filter(predicate).select(bad_date)),
    ):
        (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
        print(
            f"filter({name}).{label}: in-memory {expected_error or 'a frame'}; "
            f"streaming {error or got.rows()}"
        )
        if expected_error and not error:
            print(f"baseline raised {expected_error}; this cell returned a frame")
            failed = True
        elif expected_error and error and expected_error.split(":")[0] != error.split(":")[0]:
            print(f"baseline raised {expected_error}; this cell raised {error}")
            failed = True
sys.exit(1 if failed else 0)
