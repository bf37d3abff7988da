"""drop_nans() over a Categorical column after a whole-frame step (a filter by a window over an
expression key, a with_columns holding reverse()) over an empty frame: the in-memory engine raises
InvalidOperationError (`is_nan` operation not supported for dtype `cat`), the streaming engine never
evaluates the drop_nans and returns an empty frame.

Directly on the (empty) source, or over rows, both engines raise. The mechanism of
drop-nans-enum-empty-nonrowwise-streaming (there an Enum column). Seen on 2.1.0 (the
generated-query check: `.filter(c("len").over(c("k").cat.len_bytes(), -c("value")))` over a
cleared frame, then `.drop_nans(subset=['k'])`, every streaming lane); reproduces on 1.44.2.
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
empty = pl.LazyFrame(
    {"k": ["a"], "b": [True]}, schema={"k": pl.Categorical, "b": pl.Boolean}
).clear()


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, frame in (
    (
        'filter(c("b").over(c("k").cat.len_bytes()))',
        empty.filter(c("b").over(c("k").cat.len_bytes())),
    ),
    ('with_columns(c("b").reverse())', empty.with_columns(c("b").reverse())),
):
    query = frame.drop_nans(subset=["k"])
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, {label}: in-memory {expected_error or 'a frame'}; "
        f"streaming {error or got.shape}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
