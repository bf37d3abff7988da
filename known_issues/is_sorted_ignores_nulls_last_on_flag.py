"""is_sorted(nulls_last=...) answers True for a flagged column whose nulls sit at the other end.

Two mirror cases of one fast path: ["", None, None] is ascending with its nulls last, and
[None, "b", "a"] descending with its nulls first. Unflagged, asking for the other end of the nulls
(nulls_last=False, nulls_last=True) answers False; after the truthful hint set_sorted(...) the
fast path answers True, ignoring where the nulls are. Exits 1 while either case shows the
discrepancy, 0 once both are fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

# (values, descending, the flag's nulls_last), each asked about the other end of its nulls
CASES = [(["", None, None], False, True), ([None, "b", "a"], True, False)]

found = False
for values, descending, flag_nulls_last in CASES:
    nulls_last = not flag_nulls_last
    lf = pl.LazyFrame({"s": values})
    query = pl.col("s").is_sorted(descending=descending, nulls_last=nulls_last)
    plain = lf.select(query).collect(engine="in-memory").item()
    flagged = lf.set_sorted("s", descending=descending, nulls_last=flag_nulls_last)
    hinted = flagged.select(query).collect(engine="in-memory").item()
    print(
        f"Polars {pl.__version__}: {values} flagged nulls_last={flag_nulls_last}, "
        f"is_sorted(descending={descending}, nulls_last={nulls_last}): "
        f"unflagged {plain}, flagged {hinted}"
    )
    if plain != hinted:  # as the sortedness property words it
        found = True
        # the suite's label: the drawn flags bound above the query's source, then the input
        order = "desc" if descending else "asc"
        ends = "last" if flag_nulls_last else "first"
        print(f"descending = {descending}\nnulls_last = {nulls_last}\nquery = (")
        print(
            '    lambda lf: lf.select(c("s").is_sorted(descending=descending, nulls_last=nulls_last))'
        )
        print(
            f")\ninputs sorted by s {order} nulls {ends}; flag set via lazy\nflagged != unflagged"
        )
sys.exit(1 if found else 0)
