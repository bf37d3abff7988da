"""A reduction of a literal's cumulative_eval column that holds lists panics on the streaming engine.

`group_by_dynamic(...).agg(pl.lit(0).cumulative_eval(pl.element().sum()))` gives List(Int32)
where Int32 is planned (cumulative-eval-literal-agg-list). A `mean()` or `sum()` of that column
afterwards is planned as a number: in memory it raises InvalidOperationError (no mean of
list[i32]), while the streaming engine panics: assertion failed: values.dtype() == &self.in_dtype.
Found by the generated-query check. Exits 1 while the streaming engine panics, 0 once it answers
or raises a Polars error. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

frame = pl.LazyFrame({"k": [1, 1, 2]})
windows = frame.sort("k").group_by_dynamic("k", every="1i")
query = windows.agg(pl.lit(0).cumulative_eval(pl.element().sum()).alias("a")).select(
    pl.col("a").mean()
)
print(f"Polars {pl.__version__}: planned {query.collect_schema()}")
panicked = False
for engine in ("in-memory", "streaming"):
    try:
        print(f"  {engine}: {query.collect(engine=engine).rows()}")
    except PanicException as exc:
        print(f"  {engine}: panicked: {exc}")
        panicked = True
    except pl.exceptions.PolarsError as exc:
        print(f"  {engine}: {type(exc).__name__}: {exc}")
sys.exit(1 if panicked else 0)
