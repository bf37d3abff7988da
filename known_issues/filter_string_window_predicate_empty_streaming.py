"""filter() with several predicates, one a String column behind a non-row-wise expression (a
window `over()`, `sort()`, `reverse()`), over an empty frame: the in-memory engine raises
InvalidOperationError (casting from Utf8View to Boolean not supported), the streaming engine never
evaluates the predicate and returns an empty frame.

Over rows both engines raise. (The predicates are combined into one Boolean-typed predicate, so the
plan-time check "filter predicate must be of type `Boolean`" that a single String predicate meets
does not fire; the cast to Boolean fails only at evaluation.) The mechanism of
drop-nans-duration-empty-nonrowwise-streaming: the streaming engine does not run an expression
behind a whole-frame step over no rows. Seen on 1.44.2 and 2.1.0.
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
empty = pl.LazyFrame({"k": ["a"], "s": ["x"]}).clear()


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, predicate in (("a window", c("s").over("k")), ("a sort", c("s").sort())):
    query = empty.filter(pl.lit(False), predicate)
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, {label}: in-memory {expected_error or 'a frame'}; "
        f"streaming {error or got.shape}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
