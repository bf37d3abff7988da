"""str.contains_any() with a column of patterns (a List(String) per row) after a whole-frame step
(reverse(), a with_columns of reverse(), or, with every pass off, a filter(pl.lit(True))) over an
empty frame: the in-memory engine raises ComputeError (not yet implemented: `str.contains_any`
with a pattern per row), the streaming engine never evaluates the expression and returns an empty
frame.

Over rows, or straight after the empty source (no whole-frame step between), both engines raise.
The mechanism of drop-nans-duration-empty-nonrowwise-streaming (the streaming engine never runs a
step over the empty output of a whole-frame step), for this error. Seen on 2.1.0 (a generated
query: with_columns(...).filter(pl.lit(True)).filter(c("k").str.contains_any(c("m").struct
.field("f1"))) over an empty frame, all passes off); reproduces on 1.44.2.
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
empty = pl.LazyFrame({"k": ["ab"], "m": [["a"]]}).clear()
contains = c("k").str.contains_any(c("m"))


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, query in (
    ("reverse().filter()", empty.reverse().filter(contains)),
    ("with_columns(reverse()).filter()", empty.with_columns(r=c("k").reverse()).filter(contains)),
):
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, {label}: in-memory {expected_error or 'a frame'}; "
        f"streaming {error or got.shape}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
