"""A window partitioned by str.replace() with an expression value and n > 1, over an empty frame:
the in-memory engine never evaluates the partition key and returns an empty frame, while the
streaming engine evaluates it and raises ComputeError: multivalue replacement with 'n > 1' not yet
supported.

`pl.len().over(c("k").str.replace("", c("k"), n=2))` of a zero-row frame (a cleared frame, or
slice(1, 0) as in the generated query) answers (0 rows) in memory and raises on the streaming
engine; the key alone (select(c("k").str.replace("", c("k"), n=2))) raises on both. The mirror of
str-replace-multivalue-empty-streaming, where the streaming engine is the one that skips it.

Seen on 2.1.0 in a generated group_by().all().slice(1, 0).select(c("v").over(<that key>)); 1.44.2
alike. Exits 1 while the engines disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
empty = pl.LazyFrame({"k": ["a", "b"]}).slice(1, 0)
key = c("k").str.replace("", c("k"), n=2)
print(f"Polars {pl.__version__}")
outcomes = {}
for label, query in (
    ("the key alone", empty.select(key)),
    ("over()", empty.select(pl.len().over(key))),
):
    for engine in ("in-memory", "streaming"):
        try:
            got = query.collect(engine=engine)
            outcomes[label, engine] = "frame"
            print(f"  {label}, {engine}: returned a frame of {got.height} rows")
        except pl.exceptions.ComputeError as exc:
            outcomes[label, engine] = "error"
            print(f"  {label}, {engine}: raised ComputeError: {str(exc).splitlines()[0]}")
if outcomes["over()", "in-memory"] != outcomes["over()", "streaming"]:
    print(
        "baseline returned a frame; this cell raised ComputeError: "
        "multivalue replacement with 'n > 1' not yet supported"
        if outcomes["over()", "in-memory"] == "frame"
        else "the engines disagree"
    )
    sys.exit(1)
sys.exit(0)
