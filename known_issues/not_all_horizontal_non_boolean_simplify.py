"""~pl.all_horizontal() over a Float64 input raises with simplify_expression on, answers with it off.

`select(e=~pl.all_horizontal(pl.lit(False), pl.col("w")))` over a Float64 column: all_horizontal
casts its inputs to Boolean, so the answer is [True, True] (and collect_schema() plans Boolean),
which the query gives with simplify_expression off. With the pass on, the expression is rewritten
by De Morgan into `0.0.not() | col("w").not()` (explain()): the `not` is pushed into the inputs,
coerced to their supertype Float64, without the Boolean cast, and the query raises
InvalidOperationError (dtype Float64 not supported in 'not' operation), on both engines.
Over Int64 inputs the same rewrite answers a bitwise not (-2) instead of a Boolean.
Seen on 1.44.2 and 2.1.0 (a generated with_columns after a join_where).
Exits 1 while the pass changes the outcome, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

query = pl.LazyFrame({"w": [1.0, 2.0]}).select(e=~pl.all_horizontal(pl.lit(False), pl.col("w")))
print(f"Polars {pl.__version__}: planned {query.collect_schema()}")
outcomes = {}
for label, flags in (
    ("all-on", pl.QueryOptFlags()),
    ("-simplify_expression", pl.QueryOptFlags(simplify_expression=False)),
):
    try:
        outcomes[label] = f"frame {query.collect(optimizations=flags).to_series().to_list()}"
    except pl.exceptions.PolarsError as exc:
        outcomes[label] = f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
    print(f"  {label}: {outcomes[label]}")
if outcomes["all-on"].startswith("raised") and outcomes["-simplify_expression"].startswith("frame"):
    print(f"baseline {outcomes['all-on']}; this cell returned a frame")
sys.exit(0 if outcomes["all-on"] == outcomes["-simplify_expression"] else 1)
