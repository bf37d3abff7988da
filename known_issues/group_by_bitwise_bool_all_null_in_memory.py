"""bitwise_and() / bitwise_or() / bitwise_xor() of a Boolean group holding only nulls is the
operation's identity (True / False / False) in memory and null on the streaming engine.

select() of only nulls is null on both engines, and so is a group of an integer column, so the
in-memory group_by() (also over(), and on 1.44 group_by_dynamic() and rolling()) is the wrong
side. Seen on 1.44.2 and 2.1.0 (on 2.1.0 group_by_dynamic() and rolling() agree: the identity).
A filter on the aggregate after it (remove(), filter()) turns this into a row count mismatch: the
in-memory engine removes the all-null group (True) that the streaming engine keeps (null).
Exits 1 while the engines differ, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

c = pl.col
lf = pl.LazyFrame({"g": [1, 1, 2], "b": [None, None, True]})
print(f"Polars {pl.__version__}")
print(
    "select of only nulls:",
    lf.filter(c("g") == 1).select(c("b").bitwise_and()).collect(engine="in-memory").item(),
)
differs = False
for name in ("bitwise_and", "bitwise_or", "bitwise_xor"):
    query = lf.group_by("g", maintain_order=True).agg(getattr(c("b"), name)())
    expected = query.collect(engine="in-memory")
    got = query.collect(engine="streaming")
    print(
        f"group_by().agg({name}()): in-memory {expected['b'].to_list()}, streaming {got['b'].to_list()}"
    )
    try:
        assert_frame_equal(expected, got)
    except AssertionError as exc:
        print(exc)
        differs = True
# downstream of a filter on the aggregate, the engines return different row counts
query = lf.group_by("g").agg(c("b").bitwise_and()).remove(c("b"))
expected = query.collect(engine="in-memory").sort("g")
got = query.collect(engine="streaming").sort("g")
try:
    assert_frame_equal(expected, got)
except AssertionError as exc:
    print(f"group_by().agg(bitwise_and()).remove(): {exc}")
    print(f"--- expected (in-memory) ---\n{expected}\n--- got (streaming) ---\n{got}")
    differs = True
sys.exit(1 if differs else 0)
