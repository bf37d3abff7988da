"""arr.len() of an Array column with a null row is flagged SORTED_ASC although the null sits
between values, so Polars' sorted fast paths (is_sorted, search_sorted, ...) trust a lie.

Exits 1 while the flag is untruthful, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

frame = pl.DataFrame({"a": [[1, 2], None, [3, 4]]}, schema={"a": pl.Array(pl.Int8, 2)})
lengths = frame.lazy().select(pl.col("a").arr.len()).collect(engine="in-memory")["a"]
flagged = lengths.flags["SORTED_ASC"]
print(f"Polars {pl.__version__}: {lengths.to_list()} flags {lengths.flags}")
print(f"is_sorted() says {lengths.is_sorted()} for a column with a null between two values")
sys.exit(1 if flagged else 0)
