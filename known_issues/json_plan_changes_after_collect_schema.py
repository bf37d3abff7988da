"""LazyFrame.serialize(format="json") gives other text after collect_schema() than before.

collect_schema() caches the resolved plan on the LazyFrame, and the JSON serializer writes that
cache's wrapper ({"IR": {"dsl": ..., "version": ...}}) around the plan. The binary format was made
stable in pola-rs/polars#25780 (issue #25719); JSON was not. Up to 1.35 the binary format changes
too. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import warnings

import polars as pl

warnings.simplefilter("ignore")  # the json format of LazyFrame.serialize is deprecated
lf = pl.DataFrame({"a": [1, 2]}).lazy().filter(pl.col("a") > 1)
before = lf.serialize(format="json")
lf.collect_schema()
after = lf.serialize(format="json")
print(f"Polars {pl.__version__}\nbefore: {before[:60]}...\nafter:  {after[:60]}...")
if before != after:
    print("the plan serializes (json) to other bytes after collect_schema()")
sys.exit(0 if before == after else 1)
