"""reverse() of a frame whose List column holds only nulls, then a first()/last() reduction of
that column (group_by().agg(first()), unique(subset=...), which keeps a row per key this way),
panics on the streaming engine: assertion failed: values.dtype() == &self.in_dtype (polars-expr
reduce/first_last.rs). The reversed column is List(Null) (reverse-all-null-list-planned-list-null)
while the reduction is built for the planned List(Int64). The in-memory engine answers; without
reverse() it answers. Seen on 1.44.2 and 2.1.0 (streaming lanes; on 2.1 a limit() before the
reverse needed slice_pushdown off to show it).
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
lf = pl.LazyFrame(
    {"k": [1, 2, 2], "p": [None, None, None]}, schema={"k": pl.Int64, "p": pl.List(pl.Int64)}
)
queries = {
    "reverse().unique(subset=['k'])": lf.reverse().unique(subset=["k"], keep="none"),
    "reverse().group_by('k').agg(first())": lf.reverse().group_by("k").agg(c("p").first()),
}
failed = False
print(f"Polars {pl.__version__}")
for label, query in queries.items():
    for engine in ("in-memory", "streaming"):
        try:
            result = query.collect(engine=engine)
            print(f"{label}, {engine}: answers {result.schema}")
        except PanicException as exc:
            print(f"{label}, {engine}: panicked: {str(exc).splitlines()[0]}")
            failed = True
sys.exit(1 if failed else 0)
