"""cum_sum_horizontal() of two inputs of one name: the streaming engine raises its DuplicateError
before running the query, so an error of an earlier step never surfaces there.

`pl.cum_sum_horizontal(pl.lit(1), pl.lit(2))` builds a struct of two fields named "literal": both
engines raise DuplicateError (multiple fields with name 'literal' found) when that is all the query
does, and collect_schema() answers. The in-memory engine raises it only when it evaluates the
expression, so a step before it that fails on the data (str.json_decode() of "a", a strict cast)
raises first; the streaming engine raises the DuplicateError while building its graph, before any
data is read, whatever comes before it.

Seen on 2.1.0 (with_columns_seq(c("s").str.json_decode(...), pl.cum_sum_horizontal(pl.lit(False)
.arg_true(), pl.lit(32767), ...)) on every streaming lane); 1.44.2 has it too.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
frame = pl.LazyFrame({"s": ["a", "[1]"]})
# the decode fails on "a"; the cum_sum_horizontal() after it has two inputs named "literal"
query = frame.with_columns(
    c("s").str.json_decode(dtype=pl.List(pl.Int64)).alias("e0")
).with_columns(pl.cum_sum_horizontal(pl.lit(1), pl.lit(2)).alias("e1"))


def run(engine):
    try:
        query.collect(engine=engine)
    except pl.exceptions.PolarsError as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    return None


print(f"Polars {pl.__version__}: planned {query.collect_schema()}")
expected, got = run("in-memory"), run("streaming")
print(f"  in-memory: {expected}\n  streaming: {got}")
if expected and got and expected.split(":")[0] != got.split(":")[0]:
    print(f"baseline raised {expected}; this cell raised {got}")
    sys.exit(1)
sys.exit(0)
