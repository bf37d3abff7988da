"""struct.with_fields() on a struct of no fields over no rows panics: Hash table capacity overflow.

`pl.col("m").struct.drop(["f0"])` of a one-field struct leaves a struct of no fields; adding a
field to it with struct.with_fields() over an empty frame panics on every engine (Hash table
capacity overflow). Over rows it answers, and 2.1.0 answers on the empty frame too (a struct of
the added field, no rows). Seen on 1.44.2; found behind a remove(pl.lit(True)) that empties the
frame. Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
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
empty = pl.LazyFrame({"m": [], "k": []}, schema={"m": pl.Struct({"f0": pl.Int64}), "k": pl.Int8})
query = empty.select(c("m").struct.drop(["f0"]).struct.with_fields(c("k")))
failed = False
print(f"Polars {pl.__version__}: planned {query.collect_schema()}")
for engine in ("in-memory", "streaming"):
    try:
        print(f"{engine}: {query.collect(engine=engine).schema}")
    except PanicException as exc:
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)
