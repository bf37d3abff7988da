"""min_by() in a group_by aggregation over no rows: a ComputeError in memory, a frame streaming (1.44).

`group_by("y").agg(pl.col("v").min_by(pl.col("v")))` (max_by alike, also in rolling() and
group_by_dynamic()) over a frame with no rows raises ComputeError in memory on 1.44 (returned
aggregation is of different length: 1 than the groups length: 0); the streaming engine answers an
empty frame, as 2.1 does on both engines. Seen on 1.44.2 (a generated rolling().agg() after a
filter that kept no row; the streaming cells then raised the query's later error). Exits 1 while
the engines disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl

frame = pl.LazyFrame({"y": [datetime.date(2020, 1, 1)], "v": [1]}).clear()
failed = False
for label, query in (
    ("group_by", frame.group_by("y").agg(pl.col("v").min_by(pl.col("v")))),
    ("rolling", frame.rolling(index_column="y", period="1mo").agg(pl.col("v").max_by(pl.col("v")))),
):
    outcomes = {}
    for engine in ("in-memory", "streaming"):
        try:
            outcomes[engine] = f"frame {query.collect(engine=engine).rows()}"
        except pl.exceptions.PolarsError as exc:
            outcomes[engine] = f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
    print(f"Polars {pl.__version__}, {label}: {outcomes}")
    if outcomes["in-memory"].startswith("raised") and outcomes["streaming"].startswith("frame"):
        print(f"baseline {outcomes['in-memory']}; this cell returned a frame")
    failed = failed or outcomes["in-memory"] != outcomes["streaming"]
sys.exit(1 if failed else 0)
