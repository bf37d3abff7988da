"""arr.len() of an Array column with a null row is flagged SORTED_ASC although the null sits
between values, so Polars' sorted fast paths (is_sorted, search_sorted, ...) trust a lie.

Exits 1 while the flag is untruthful, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frame = pl.DataFrame({"a": [[1, 2], None, [3, 4]]}, schema={"a": pl.Array(pl.Int8, 2)})
lengths = frame.lazy().select(len=pl.col("a").arr.len()).collect(engine="in-memory")["len"]
flagged = lengths.flags["SORTED_ASC"]
print(f"Polars {pl.__version__}: {lengths.to_list()} flags {lengths.flags}")
print(f"is_sorted() says {lengths.is_sorted()} for a column with a null between two values")
if flagged:  # as the suite words a lie in the baseline's result
    print(
        f"baseline: column 'len' ({lengths.dtype}) is flagged SORTED_ASC, but its nulls are not "
        "all at one end"
    )
sys.exit(1 if flagged else 0)
