"""list.concat and concat_list together on a multi-chunk List(List(List(Categorical))) panic.

Two chunks of [null, [null]]; with_columns of l.list.concat(l.list.reverse()) beside
concat_list([l, l.list.head(1), l.shift(1)]) panics on every engine: "It is not possible to
concatenate arrays of different data types" (the nested categorical's metadata is lost on one
side). Either expression alone works. On 1.44 a left join of an empty frame with two chunks of a
Struct({"f0": List(Struct({"f0": Categorical}))}) column panics the same way in memory: "The
children DataTypes of a StructArray must equal the children data types" (one side's field carries
_PL_CATEGORICAL2, the other not). Exits 1 while either panics, 0 once fixed. Needs nothing but
Polars.
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
nested = pl.Struct({"f0": pl.List(pl.Struct({"f0": pl.Categorical}))})
right = pl.DataFrame({"k": [None], "b": [None]}, schema={"k": pl.Int8, "b": nested})
joined = pl.LazyFrame({"k": []}, schema={"k": pl.Int8}).join(
    pl.concat([right, right], rechunk=False).lazy(), on="k", how="left"
)
print(f"Polars {pl.__version__}: {df.n_chunks()} chunks")
panicked = False
for name, run in (("list.concat", query), ("left join", joined)):
    try:
        run.collect(engine="in-memory")
        print(f"{name}: no panic")
    except PanicException as exc:
        print(f"{name}: panicked: {str(exc).splitlines()[0]}")
        panicked = True
sys.exit(1 if panicked else 0)
