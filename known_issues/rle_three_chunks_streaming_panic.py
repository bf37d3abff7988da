"""rle() of a column in three or more chunks panics on the streaming engine.

`pl.col("k").rle()` of an Int64 column held in three chunks ([1], [2], [3]) panics on the
streaming engine (assertion failed: chunks.len() == 1); in memory it answers the three runs, and
two chunks answer on both engines. Found behind rle().first() and struct.json_encode() on a
Categorical column in many chunks. Seen on 1.44.2 and 2.1.0.
Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

column = pl.concat([pl.Series("k", [v]) for v in (1, 2, 3)], rechunk=False)
frame = pl.DataFrame([column])
print(f"Polars {pl.__version__}: {frame['k'].n_chunks()} chunks")
query = frame.lazy().select(pl.col("k").rle())
failed = False
for engine in ("in-memory", "streaming"):
    try:
        print(f"{engine}: {query.collect(engine=engine).height} runs")
    except PanicException as exc:
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)
