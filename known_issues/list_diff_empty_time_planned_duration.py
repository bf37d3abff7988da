"""list.diff() of an empty List(Time) or List(UInt16) column keeps its dtype, planned otherwise.

On an empty frame the in-memory engine returns the input's List(Time) dtype (a column of null lists
gives List(Null)); collect_schema() plans List(Duration('ns')), as a non-empty input gives. A step
typed by the plan then fails in memory only: `list.diff().list.mean().dt.total_milliseconds()`
after a window raises SchemaError (expected `Duration`, got `time`) in memory, while the streaming
engine returns the empty frame. An empty List(UInt16) alike is List(UInt16) in memory, planned
List(Int32) (the result's schema is not the planned one); after filter(..., pl.lit(False)) the
streaming engine returns the planned List(Int32), so the engines differ in dtype (generated queries,
every variant). Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
failed = False
empty = pl.LazyFrame({"l": []}, schema={"l": pl.List(pl.Time)})
query = empty.select(c("l").list.diff())
planned, got = query.collect_schema()["l"], query.collect(engine="in-memory").schema["l"]
print(
    f"Polars {pl.__version__}: list.diff() of an empty List(Time): planned {planned}, in-memory {got}"
)
failed = planned != got

empty = pl.LazyFrame({"v": []}, schema={"v": pl.List(pl.UInt16)})
query = empty.select(c("v").list.diff())
planned, got = query.collect_schema()["v"], query.collect(engine="in-memory").schema["v"]
print(
    f"Polars {pl.__version__}: list.diff() of an empty List(UInt16): planned {planned}, in-memory {got}"
)
print(f"column 'v': {got}, planned {planned}")
failed = failed or planned != got

frame = pl.LazyFrame({"k": [], "x": []}, schema={"k": pl.Boolean, "x": pl.Time})
query = frame.with_columns(
    e0=c("x").over(c("k"), mapping_strategy="join").list.diff().list.mean()
).with_columns(e1=c("e0").dt.total_milliseconds())
outcomes = {}
for engine in ("in-memory", "streaming"):
    try:
        outcomes[engine] = f"frame {query.collect(engine=engine).rows()}"
    except pl.exceptions.PolarsError as exc:
        outcomes[engine] = f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
print(f"Polars {pl.__version__}: then dt.total_milliseconds(): {outcomes}")
if outcomes["in-memory"].startswith("raised") and outcomes["streaming"].startswith("frame"):
    print(f"baseline {outcomes['in-memory']}; this cell returned a frame")
failed = failed or outcomes["in-memory"] != outcomes["streaming"]
sys.exit(1 if failed else 0)
