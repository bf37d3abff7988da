"""In-memory merge_sorted on an Enum key merges by the strings, not by the Enum's order.

With Enum(["a", "b", ""]) both inputs are sorted (["a", "b"] and [""]); sort() puts "" last, and so
does the streaming engine's merge_sorted, but the in-memory engine puts "" first. Exits 1 while the
discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

enum = pl.Enum(["a", "b", ""])
left = pl.LazyFrame({"t": ["a", "b"]}, schema={"t": enum})
right = pl.LazyFrame({"t": [""]}, schema={"t": enum})
expected = pl.concat([left, right]).sort("t").collect()["t"].to_list()
print(f"Polars {pl.__version__}\nsort():    {expected}")
ok = True
for engine in ("in-memory", "streaming"):
    got = left.merge_sorted(right, key="t").collect(engine=engine)["t"].to_list()
    print(f"{engine:<10} {got}")
    ok &= got == expected
sys.exit(0 if ok else 1)
