"""group_by(k).head(0) (and tail(0)) returns one row per group, its key and every other value
null, instead of no row: on both engines, maintain_order or not.

`pl.LazyFrame({"g": [1, 1, 2], "v": [1, 2, 3]}).group_by("g").head(0)` gives the rows (1, null)
and (2, null), where `head(0)` of each group keeps none: `filter(pl.int_range(pl.len()).over("g")
< 0)` is empty. Found by the metamorphic property oracle.group_head (group_by().head(n) against
that filter), which the engines' agreement hides from every differential check.

Seen on 2.1.0 (in-memory, streaming, streaming-small-morsels); 1.44.2 alike. Exits 1 while head(0) or tail(0)
keeps a row, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frame = pl.LazyFrame({"g": [1, 1, 2], "v": [1, 2, 3]})
print(f"Polars {pl.__version__}")
failed = False
for method in ("head", "tail"):
    for engine in ("in-memory", "streaming"):
        got = getattr(frame.group_by("g", maintain_order=True), method)(0).collect(engine=engine)
        print(f"{engine}: group_by(['g'], maintain_order=True).{method}(0): {got.to_dicts()}")
        if got.height:
            print(
                f"group_by(['g'], maintain_order=True).{method}(0) != the rows filter("
                f"{'last' if method == 'tail' else 'first'} 0 of each group) keeps\n"
                f"DataFrames are different (height (row count) mismatch)"
            )
            failed = True
sys.exit(1 if failed else 0)
