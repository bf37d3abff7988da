"""is_sorted(nulls_last=False) answers True for a column flagged sorted with nulls last.

["", None, None] is ascending with its nulls last. Unflagged, is_sorted(nulls_last=False) is False;
after the truthful hint set_sorted("s", nulls_last=True) the fast path answers True, ignoring where
the nulls are. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

lf = pl.LazyFrame({"s": ["", None, None]})
query = pl.col("s").is_sorted(nulls_last=False)
plain = lf.select(query).collect(engine="in-memory").item()
hinted = lf.set_sorted("s", nulls_last=True).select(query).collect(engine="in-memory").item()
print(f"Polars {pl.__version__}: is_sorted(nulls_last=False) unflagged {plain}, flagged {hinted}")
if plain != hinted:  # as the sortedness property words it
    # the suite's label: the query's source with the drawn flags bound above it
    print("descending = False\nnulls_last = False\nquery = (")
    print(
        '    lambda lf: lf.select(c("s").is_sorted(descending=descending, nulls_last=nulls_last))'
    )
    print(")\nflagged != unflagged")
sys.exit(0 if plain == hinted else 1)
