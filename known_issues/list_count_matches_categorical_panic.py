"""list.count_matches of a List(Enum) or List(Categorical) column with an element of that dtype
panics ("not implemented: can not get dtype of Enum AnyValue", "... of Categorical AnyValue"; before
1.32: "Not yet possible to create enum series without a rev-map") instead of counting; a plain
string element works.

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

failed = False
for dtype in (pl.Enum(["a", "b"]), pl.Categorical):
    frame = pl.DataFrame({"l": [["a"], ["b", "a"]]}, schema={"l": pl.List(dtype)})
    query = frame.lazy().select(n=pl.col("l").list.count_matches(pl.lit("a", dtype=dtype)))
    try:
        outcome = repr(query.collect(engine="in-memory")["n"].to_list())
    except PanicException as exc:
        outcome, failed = f"panicked: {str(exc).splitlines()[0]}", True
    except Exception as exc:
        outcome = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    print(f"Polars {pl.__version__}, List({dtype}): {outcome}")
sys.exit(1 if failed else 0)
