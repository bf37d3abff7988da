"""struct.json_encode of a struct with a Binary field panics ("not yet implemented: Writing
BinaryView to JSON") on every engine instead of raising an error or encoding the value.

Exits 1 while the panic exists, 0 once fixed (an ordinary error or a result). Needs only Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

query = pl.LazyFrame({"s": [{"b": b"x"}]}).select(pl.col("s").struct.json_encode())
panicked = []
for engine in ("in-memory", "streaming"):
    try:
        outcome = repr(query.collect(engine=engine)["s"].to_list())
    except PanicException as exc:
        panicked.append(engine)
        outcome = f"panicked: {str(exc).splitlines()[0]}"
    except Exception as exc:
        outcome = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    print(f"Polars {pl.__version__} {engine}: {outcome}")
sys.exit(1 if panicked else 0)
