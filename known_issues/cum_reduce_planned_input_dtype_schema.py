"""pl.cum_reduce over inputs of different dtypes is planned with each input's dtype per field.

`pl.cum_reduce(lambda acc, x: acc + x, [c("a"), c("b")])` of an Int16 and an Int8 column is
planned (collect_schema()) as Struct({'a': Int16, 'b': Int8}), but every engine computes
Struct({'a': Int16, 'b': Int16}): the field after the first holds acc + x, the supertype. Without
`return_dtype` the docs say the dtype is inferred from the inputs' dtypes; pl.reduce of the
same plans the supertype (Int16) correctly. The planned-schema half of
cum-reduce-planned-input-dtype-streaming-panic. Seen on Polars 1.44.2 and 2.1.0 (a UInt128 and
an Int8 field computed as Int128 too). Exits 1 while the discrepancy exists, 0 once fixed, 2
when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
query = pl.LazyFrame({"a": [1, 2], "b": [3, 4]}, schema={"a": pl.Int16, "b": pl.Int8}).select(
    pl.cum_reduce(lambda acc, x: acc + x, [c("a"), c("b")]).alias("e0")
)
planned = query.collect_schema()["e0"]
found = False
for engine in ("in-memory", "streaming"):
    got = query.collect(engine=engine).schema["e0"]
    print(f"Polars {pl.__version__}, {engine}: planned {planned}, computed {got}")
    if got != planned:  # the suite's planned-schema check
        found = True
        print(
            "the result's schema is not the planned one (collect_schema()): column 'e0' is "
            f"Struct, planned Struct\ncolumn 'e0': {got}, planned {planned}"
        )
sys.exit(1 if found else 0)
