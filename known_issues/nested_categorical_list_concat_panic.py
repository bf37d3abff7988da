"""list.concat and concat_list together on a multi-chunk List(List(List(Categorical))) panic.

Two chunks of [null, [null]]; with_columns of l.list.concat(l.list.reverse()) beside
concat_list([l, l.list.head(1), l.shift(1)]) panics on every engine: "It is not possible to
concatenate arrays of different data types" (the nested categorical's metadata is lost on one
side). Either expression alone works. Exits 1 while the panic exists, 0 once fixed. Needs nothing
but Polars.
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
part = pl.DataFrame({"l": [None, [None]]}, schema={"l": pl.List(pl.List(pl.List(pl.Categorical)))})
df = pl.concat([part, part], rechunk=False)
query = df.lazy().with_columns(
    appended=c("l").list.concat(c("l").list.reverse()),
    concat_list=pl.concat_list([c("l"), c("l").list.head(1), c("l").shift(1)]),
)
print(f"Polars {pl.__version__}: {df.n_chunks()} chunks")
try:
    query.collect(engine="in-memory")
except PanicException as exc:
    print(f"panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
sys.exit(0)
