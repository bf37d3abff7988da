"""Two stacked filters, the first a window of a number literal, panic on the streaming engine.

`filter(pl.lit(5).over("k")).filter(pl.col("b"))`: predicate pushdown merges the two predicates
into `col("b") & dyn int: 5.over(k)`, which is not valid (& on Boolean and an integer). The
in-memory engine raises ComputeError (& on Boolean and Unknown(Int(5)) is not supported); the
streaming engine (collect(engine="streaming"), pl.collect_all, sink_batches, sink_parquet,
sink_ipc) panics building its plan: "no valid schema can be derived for the query:
ComputeError(... & on Boolean and Unknown(Int(5)) is not supported ...)" (builder_ir.rs), and
collect_batches() swallows that panic and hands out no batch (collect-batches-swallows-panic).
A float literal does the same (Unknown(Float)); without the window, or with predicate pushdown
off, both engines raise. Seen on 2.1.0; 1.44.2 only warns (deprecated) and raises SchemaError on
both engines.
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
from polars.exceptions import PanicException

warnings.simplefilter("ignore", DeprecationWarning)  # 1.44 warns about & on Boolean and integer
c = pl.col
query = pl.LazyFrame({"k": [1, 2], "b": [True, False]}).filter(pl.lit(5).over("k")).filter(c("b"))


def outcome(run):
    try:
        run()
        return "returned a frame"
    except PanicException as exc:
        return f"panicked: {str(exc).splitlines()[0]}"
    except pl.exceptions.PolarsError as exc:
        return f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"


print(f"Polars {pl.__version__}")
baseline = outcome(lambda: query.collect(engine="in-memory"))
print(f"in-memory: {baseline}")
failed = False
for label, run in (
    ('collect(engine="streaming")', lambda: query.collect(engine="streaming")),
    ("pl.collect_all", lambda: pl.collect_all([query])),
):
    got = outcome(run)
    print(f"{label}: {got}")
    if got != baseline:
        print(got)
        failed = True
sys.exit(1 if failed else 0)
