"""drop_nans() over a List column (here List(Struct)) or an Array column (here Array(Decimal))
after a with_columns() holding a non-row-wise expression (reverse(), cum_sum()) over an empty
frame: the in-memory engine raises InvalidOperationError (`is_nan` operation not supported for
dtype `list[struct[2]]`, `array[decimal[26,3], 3]`), the streaming engine never evaluates the
drop_nans and returns an empty frame.

Over rows both engines raise. The mechanism of drop-nans-duration-empty-nonrowwise-streaming and
drop-nans-enum-empty-nonrowwise-streaming (the streaming engine never runs a filter over the
empty output of a whole-frame step), here with a List or Array column. Seen in a query whose
frame a filter(False) emptied ahead of an over() window, with projection pushdown or every pass
off (List), and after merge_sorted() of an empty frame and a select_seq() holding ewm_sum_by()
(Array); the reverse() below shows it with every pass on. Seen on 1.44.2 and 2.1.0.
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
frame = pl.LazyFrame(
    {"k": [1, 2], "p": [[{"key": "a", "value": 1}], None], "a": [None, None]},
    schema={
        "k": pl.Int64,
        "p": pl.List(pl.Struct({"key": pl.String, "value": pl.Int64})),
        "a": pl.Array(pl.Decimal(26, 3), 3),
    },
)


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for column in ("p", "a"):
    for label, expr in (("reverse()", c("k").reverse()), ("cum_sum()", c("k").cum_sum())):
        query = frame.head(0).with_columns(expr.alias("e0")).drop_nans(subset=[column])
        (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
        print(
            f"Polars {pl.__version__}, {column!r}, {label}: in-memory {expected_error or 'a frame'}; "
            f"streaming {error or got.shape}"
        )
        if expected_error and not error:
            print(f"baseline raised {expected_error}; this cell returned a frame")
            failed = True
sys.exit(1 if failed else 0)
