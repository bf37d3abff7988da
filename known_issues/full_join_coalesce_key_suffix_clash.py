"""A full join that coalesces its keys goes wrong on the in-memory engine when the left frame
already has a column named `<key>_right`: with two or more keys Polars 1.44 and 2.x raise
DuplicateError (`j_right` has more than one occurrence); releases up to 1.35 (one key is enough
there) overwrite that column with the right key and leave the key uncoalesced. The planned schema
and the streaming engine both give the three-column result.

Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

left = pl.LazyFrame({"j": [1, 2], "k": [1, 2], "j_right": [10, 20]})
right = pl.LazyFrame({"j": [1, 3], "k": [1, 3]})
query = left.join(right, on=["j", "k"], how="full", coalesce=True)
print(f"Polars {pl.__version__}: planned schema {dict(query.collect_schema())}")
results = {}
for engine in ("in-memory", "streaming"):
    try:
        results[engine] = query.collect(engine=engine).sort("j").rows()
    except Exception as exc:
        results[engine] = f"{type(exc).__name__}: {exc}"
    print(f"{engine}: {results[engine]}")
if isinstance(results["in-memory"], str) and not isinstance(results["streaming"], str):
    print(f"baseline raised {results['in-memory']}; this cell returned a frame")
sys.exit(0 if results["in-memory"] == results["streaming"] else 1)
