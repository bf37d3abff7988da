"""is_sorted() answers False for an all-False Boolean column flagged sorted descending (1.44).

[False, False, False] is sorted both ways: unflagged, is_sorted() (ascending) answers True; after
the truthful hint set_sorted(descending=True) the Boolean fast path answers False (a leading null,
[None, False, False], alike). An all-True column, or an Int64 one of equal values, answers True.
Seen in the `sorted.is_sorted` property on Polars 1.44.2 (in-memory and streaming lanes); 2.1.0
answers True. Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run.
Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

s = pl.Series("s", [False, False, False], pl.Boolean)
query = lambda series: pl.LazyFrame({"s": series}).select(pl.col("s").is_sorted())
unflagged = query(s).collect().item()  # the ascending question, nulls first
flagged = query(s.set_sorted(descending=True)).collect().item()
print(
    f"Polars {pl.__version__}: [False, False, False].is_sorted(): unflagged {unflagged}, flagged descending {flagged}"
)
if flagged != unflagged:
    # the property's label: its drawn flags, its query, the input's order and the input
    print("descending = False\nnulls_last = False")
    print(
        'query = lambda lf: lf.select(c("s").is_sorted(descending=descending, nulls_last=nulls_last))'
    )
    print("inputs sorted by s desc nulls first; flag set via hint")
    print(s.to_frame())
    print("set_sorted via hint != unflagged")
    sys.exit(1)
print("the flag no longer changes the answer: fixed")
sys.exit(0)
