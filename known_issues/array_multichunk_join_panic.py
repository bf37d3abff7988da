"""An inner join of a many-chunk frame holding an Array column with an empty frame panics on the
in-memory engine ("concat requires input of at least one array"); streaming returns an empty frame.

Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

part = pl.DataFrame(
    {"k": [1, 2, 3], "a": [["x"], ["y"], None]}, schema={"k": pl.Int8, "a": pl.Array(pl.String, 1)}
)
left = pl.concat([part] * 200, rechunk=False)
right = pl.DataFrame(schema={"k": pl.Int8, "b": pl.Int8})
query = left.lazy().join(right.lazy(), on="k", how="inner")
results = {}
for engine in ("in-memory", "streaming"):
    try:
        results[engine] = query.collect(engine=engine).shape
    except PanicException as exc:  # the symptom; anything else means the reproducer broke
        results[engine] = f"panicked: {str(exc).splitlines()[0]}"
print(f"Polars {pl.__version__} ({left.n_chunks()} chunks): {results}")
sys.exit(0 if results["in-memory"] == results["streaming"] else 1)
