"""On 1.44 a Boolean column combined with a float literal (pl.when(k).then(b).otherwise(pl.lit(1.5)),
b + 1.5) is planned with the Unknown dtype (collect_schema(); a frame built on that schema has
Null), while collect() returns Float64 on every engine.

An integer literal plans Int32 as computed; pl.coalesce() of the same pair raises at planning
(invalid or ambiguous dtypes: [bool, dyn float]). Seen on 1.44.2; 2.1.0 plans Float64.
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
frame = pl.LazyFrame({"k": [True, False], "b": [True, None]})
failed = False
print(f"Polars {pl.__version__}")
for label, expr in (
    ("when/then/otherwise", pl.when(c("k")).then(c("b")).otherwise(pl.lit(1e300))),
    ("addition", c("b") + pl.lit(1.5)),
):
    query = frame.select(expr.alias("g"))
    raw = query.collect_schema()["g"]
    planned = pl.DataFrame(schema=query.collect_schema()).schema["g"]  # as the suite reads it
    for engine in ("in-memory", "streaming"):
        got = query.collect(engine=engine).schema["g"]
        if got != planned:
            kinds = f"{got.base_type().__name__}, planned {planned.base_type().__name__}"
            print(
                f"{label}, {engine}: column 'g' is {kinds}\n"
                f"column 'g': {got}, planned {planned} (collect_schema() says {raw})"
            )
            failed = True
        else:
            print(f"{label}, {engine}: the result's schema is the planned one ({planned})")
sys.exit(1 if failed else 0)
