"""cat.to(pl.Categorical()) of a Categorical literal (pl.lit(2).cut(...)) in a with_columns()
after a whole-frame step (reverse(), unique(), a with_columns of cum_sum()) over an empty frame:
the in-memory engine raises (2.1: ComputeError: cannot cast categorical types to UInt32; 1.44:
SchemaError: cannot convert column of type enum to cat), the streaming engine never evaluates the
with_columns and returns an empty frame.

Over rows, or straight after the empty source (no whole-frame step between), both engines raise.
The mechanism of drop-nans-duration-empty-nonrowwise-streaming (the streaming engine never runs a
step over the empty output of a whole-frame step), for a literal's error. Seen on 2.1.0 (a
generated query: clear(0).reverse().with_columns_seq(...)); reproduces on 1.44.2.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import warnings

import polars as pl

warnings.simplefilter("ignore", DeprecationWarning)  # cut() is deprecated on 2.1
c = pl.col
frame = pl.LazyFrame({"k": ["a", "b"], "r": [1, 2]})
literal = pl.lit(2).cut(breaks=[1.5]).cat.to(dtype=pl.Categorical(), strict=False).alias("m")


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, query in (
    ("clear(0).reverse()", frame.clear(0).reverse()),
    ("clear(0).unique()", frame.clear(0).unique()),
):
    query = query.with_columns(literal, c("r").alias("e0"))
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, {label}: in-memory {expected_error or 'a frame'}; "
        f"streaming {error or got.shape}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
