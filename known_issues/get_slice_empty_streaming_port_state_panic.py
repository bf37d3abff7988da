"""Expr.get(i) followed by .slice(offset, 0) (an empty slice of the one-value result) in a select:
the in-memory engine answers (an empty column, or 0 after .len() / .n_unique()), the streaming
engine panics: assertion failed: pipe.send_state == PortState::Done && pipe.recv_state ==
PortState::Done. (.first() / .sum() in place of .get(), or a non-empty slice, are answered.)

Seen on 1.44.2 and 2.1.0.
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
query = pl.LazyFrame({"x": [1, 2, 3]}).select(c("x").get(-1).slice(1, 0).n_unique())


def run(engine):
    try:
        return query.collect(engine=engine), None
    except PanicException as exc:
        return None, f"panicked: {str(exc).splitlines()[0]}"
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


(expected, expected_error), (got, error) = run("in-memory"), run("streaming")
print(
    f"Polars {pl.__version__}: in-memory {expected_error or expected.rows()}; "
    f"streaming {error or got.rows()}"
)
sys.exit(1 if error and error.startswith("panicked") and not expected_error else 0)
