"""A struct column with two fields of one name (list.to_struct(fields=["a", "a"])) as an
aggregated value of group_by(): the in-memory engine answers (2.1 allows the struct), the 2.1
streaming engine panics in its GroupByNode (unwrap of DuplicateError: multiple fields with name 'a'
found).

Seen on 2.1.0; 1.44.2 raises DuplicateError on both engines at list.to_struct (no discrepancy).
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

c = pl.col
lf = pl.LazyFrame({"g": [1, 2, 1], "p": [[1, 2], [3, 4], [5, 6]]})
query = lf.select("g", c("p").list.to_struct(fields=["a", "a"]).alias("s")).group_by("g").last()


def run(engine):
    try:
        return query.collect(engine=engine), None
    except PanicException as exc:
        return None, f"panic: {str(exc).splitlines()[0]}"
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


(expected, expected_error), (got, error) = run("in-memory"), run("streaming")
print(
    f"Polars {pl.__version__}: in-memory {expected_error or expected.shape}; "
    f"streaming {error or got.shape}"
)
sys.exit(1 if error and error.startswith("panic") and not expected_error else 0)
