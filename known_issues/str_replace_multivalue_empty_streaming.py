"""str.replace() with an expression as the value and n > 1 over an empty frame: the in-memory
engine raises ComputeError (multivalue replacement with 'n > 1' not yet supported); the streaming
engine returns an empty frame where the receiver is not row-wise (a window, a sort).

Over rows both engines raise. Seen on 1.44.2 and 2.1.0.
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
for label, receiver in (("a window", c("k").over(c("k"))), ("a sort", c("k").sort())):
    query = empty.select(receiver.str.replace(value=c("s"), pattern="$", n=5))
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, {label}: in-memory {expected_error or 'a frame'}; "
        f"streaming {error or got.shape}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
