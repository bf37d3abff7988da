"""arr.reverse of a two-chunk Array(List(Array(Categorical, 1)), 1) column panics.

With one chunk the column reverses; with two (as the streaming engine's morsels or a frame built by
concatenation have) the kernel fails an internal cast ("casting from FixedSizeList(... UInt32 ...
_PL_CATEGORICAL2 ...) ... not supported"; before 1.36: "called `Option::unwrap()` on a `None`
value") and panics instead of reversing each array.
Exits 1 while the panic exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

dtype = pl.Array(pl.List(pl.Array(pl.Categorical, 1)), 1)
part = pl.DataFrame({"a": [None, [None]]}, schema={"a": dtype})
frame = pl.concat([part, part], rechunk=False)
print(f"Polars {pl.__version__}: {frame.n_chunks()} chunk(s)")
try:
    got = frame.lazy().select(pl.col("a").arr.reverse()).collect(engine="in-memory")
except PanicException as exc:
    print(f"arr.reverse panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"arr.reverse returned {got['a'].to_list()}")
sys.exit(0 if got["a"].to_list() == frame["a"].to_list() else 1)
