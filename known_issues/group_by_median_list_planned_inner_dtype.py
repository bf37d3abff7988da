"""group_by().median() / .mean() of a List or Array column is planned as the list's inner dtype
(List(Struct) -> Struct, List(Enum) -> Enum, List(Int64) -> Float64), but the engines compute a
null of the List dtype itself.

collect_schema() says `l` is Struct; the in-memory engine returns List(Struct) (null per group) on
every input, the streaming engine does so over rows but returns the planned Struct over no rows, so
the engines also disagree on an empty input. Seen on 1.44.2; 2.1.0 raises InvalidOperationError
(`median` operation not supported for dtype `list[...]`) at planning on every engine.
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

frame = pl.LazyFrame(
    {"g": [1, 1], "l": [[{"f0": "a"}], None]},
    schema={"g": pl.Int64, "l": pl.List(pl.Struct({"f0": pl.String}))},
)
failed = False
print(f"Polars {pl.__version__}")
for agg in ("median", "mean"):
    query = getattr(frame.group_by("g"), agg)()
    try:
        planned = query.collect_schema()["l"]
    except pl.exceptions.PolarsError as exc:  # 2.1 refuses the aggregation: no discrepancy
        print(f"{agg}: planning raised {type(exc).__name__}: {str(exc).splitlines()[0]}")
        continue
    got = query.collect(engine="in-memory").schema["l"]
    kinds = f"{got.base_type().__name__}, planned {planned.base_type().__name__}"
    print(f"{agg}, in-memory: column 'l' is {kinds}\ncolumn 'l': {got}, planned {planned}")
    failed |= got != planned
    empty = getattr(frame.clear().group_by("g"), agg)()
    try:
        assert_frame_equal(empty.collect(engine="in-memory"), empty.collect(engine="streaming"))
        print(f"{agg} over no rows: the engines agree")
    except AssertionError as exc:
        print(f"{agg} over no rows, in-memory vs streaming:\n{exc}")
        failed = True
sys.exit(1 if failed else 0)
