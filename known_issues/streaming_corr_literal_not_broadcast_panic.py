"""pl.corr/pl.cov of a column with a literal panics on the streaming engine: the literal is not broadcast.

pl.corr("w", pl.lit(0)) over three rows is NaN in memory (a constant has no variance); the
streaming engine panics with "assertion failed: x.len() == y.len()" over a one-chunk column and
with "assertion `left == right` failed: expected arrays of the same length" (align_chunks_binary)
over a column of many chunks (on 1.25 the in-memory engine panics too, with the latter). Exits 1
while the streaming engine panics, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

one_chunk = pl.DataFrame({"w": [1.0, 2.0, 4.0]})
many_chunks = pl.concat([one_chunk.slice(i, 1) for i in range(3)], rechunk=False)
print(f"Polars {pl.__version__}")
failed = False
for name, frame in (("one chunk", one_chunk), ("three chunks", many_chunks)):
    query = frame.lazy().select(corr=pl.corr("w", pl.lit(0.0)), cov=pl.cov("w", pl.lit(0.0)))
    try:
        print(f"{name}, in-memory: {query.collect(engine='in-memory').rows()}")
    except PanicException as exc:
        print(f"{name}, in-memory: panicked: {str(exc).splitlines()[0]}")
    try:
        got = query.collect(engine="streaming")
    except PanicException as exc:  # the suite's wording for a panic of the cell
        print(f"{name}, streaming: panicked: {str(exc).splitlines()[0]}")
        failed = True
        continue
    print(f"{name}, streaming: {got.rows()}")
sys.exit(1 if failed else 0)
