"""truediv() of two Categorical columns is planned Categorical: over no rows it makes a Float64
column, and a `cat.` method on it then panics (invalid dtype: expected an Enum or Categorical
type, received 'Float64') on every engine.

Over rows, the same query raises ComputeError (cannot cast categorical types to Float64), as it
should. Seen on 1.44.2 and 2.1.0.
Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
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
empty = pl.LazyFrame({"y": []}, schema={"y": pl.Categorical})
query = empty.filter(c("y").truediv(c("y")).cat.starts_with(""))
print(
    f"Polars {pl.__version__}: truediv of Categorical planned {query.select(c('y').truediv(c('y'))).collect_schema()}"
)
failed = False
for engine in ("in-memory", "streaming"):
    try:
        print(f"{engine}: a frame of shape {query.collect(engine=engine).shape}")
    except PanicException as exc:
        print(f"{engine} panicked: {str(exc).splitlines()[0]}")
        failed = True
    except pl.exceptions.PolarsError as exc:
        print(f"{engine} raised {type(exc).__name__}: {str(exc).splitlines()[0]}")
sys.exit(1 if failed else 0)
