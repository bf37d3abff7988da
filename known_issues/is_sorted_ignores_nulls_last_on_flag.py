"""is_sorted(nulls_last=False) answers True for a column flagged sorted with nulls last.

["", None, None] is ascending with its nulls last. Unflagged, is_sorted(nulls_last=False) is False;
after the truthful hint set_sorted("s", nulls_last=True) the fast path answers True, ignoring where
the nulls are. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

lf = pl.LazyFrame({"s": ["", None, None]})
query = pl.col("s").is_sorted(nulls_last=False)
plain = lf.select(query).collect(engine="in-memory").item()
hinted = lf.set_sorted("s", nulls_last=True).select(query).collect(engine="in-memory").item()
print(f"Polars {pl.__version__}: is_sorted(nulls_last=False) unflagged {plain}, flagged {hinted}")
sys.exit(0 if plain == hinted else 1)
