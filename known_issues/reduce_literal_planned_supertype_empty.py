"""An emptied pl.reduce() over a column and a wider integer literal comes back as the planned
dtype, not the computed one.

pl.reduce(lambda acc, x: acc + x, [<UInt32 column>, pl.lit(65536)]) is planned UInt32 but computed
Int64 (the callback adds the literal's Int32 Series; see reduce-literal-planned-supertype-schema).
When a filter empties the result, the streaming engine returns the empty column as the planned
UInt32 (in memory: Int64), and in memory a filter(pl.lit(False)) above it returns the planned
UInt32 too, so in-memory optimizer variants that move the filter disagree. Seen in the conformance
run (2.1.0) as dtype mismatches Int64 / UInt32 on the streaming lanes, sink_ndjson and in memory
with predicate_pushdown off. Shown here with every pass on.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
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
lf = pl.LazyFrame({"l": [[1, 3, 2]]}, schema={"l": pl.List(pl.Int8)}).select(
    k=pl.reduce(lambda acc, x: acc + x, [c("l").list.arg_max(), pl.lit(65536)])
)
emptied = lf.filter(c("k") < 0)
in_memory = emptied.collect(engine="in-memory")
streaming = emptied.collect(engine="streaming")
literal_false = lf.filter(pl.lit(False)).collect(engine="in-memory")
print(
    f"Polars {pl.__version__}: planned {lf.collect_schema()['k']}; emptied by a filter: in-memory "
    f"{in_memory['k'].dtype}, streaming {streaming['k'].dtype}; in-memory filter(pl.lit(False)) "
    f"{literal_false['k'].dtype}"
)
failed = False
for got in (streaming, literal_false):
    try:  # the suite's comparison: the in-memory baseline on the left
        assert_frame_equal(in_memory, got)
    except AssertionError as exc:
        print(exc)
        failed = True
sys.exit(1 if failed else 0)
