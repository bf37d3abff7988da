"""str.to_date(), str.to_time() and str.to_datetime() with format=None (strict) of strings none of
which has a format Polars can infer: the in-memory engine raises ComputeError (could not find an
appropriate format to parse dates / times, please define a format), the streaming engine of 1.44
returns nulls.

Where one value has an inferable format both engines raise alike (conversion failed). Seen on
1.44.2; 2.1.0 raises on both engines.
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
frame = pl.LazyFrame({"s": ["a", "", None]})


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
for name, expr in (
    ("str.to_date()", c("s").str.to_date()),
    ("str.to_time()", c("s").str.to_time()),
    ("str.to_datetime()", c("s").str.to_datetime()),
):
    query = frame.select(expr)
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"{name}: in-memory {expected_error or 'a frame'}; "
        f"streaming {error or got.to_series().to_list()}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
