"""drop_nans(subset=...) (is_nan) over a Datetime column after a join whose output is empty: the
in-memory engine raises InvalidOperationError (`is_nan` operation not supported for dtype
`datetime[μs]`), the streaming engine never evaluates it and returns an empty frame.

The cause of is-nan-unsupported-dtype-empty-join-streaming, for a Datetime column (a literal the
select after the join adds). The same step over a frame emptied by a filter or head(0), or over a
non-empty join, raises on both engines. Seen on 2.1.0 (conformance query: semi join on
log(y) = y, select_seq(w, ..., a Datetime literal), drop_nans(subset=['e1', 'w']), sort, ...);
1.44.2 has it too. Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run.
Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl

c = pl.col
frame = pl.LazyFrame({"w": [1.0], "y": [46.75]})
stamp = pl.lit(datetime.datetime(1970, 1, 1)).alias("e1")
queries = {
    # a semi join that keeps no row (log(46.75) is no y)
    "a semi join": frame.join(frame, left_on=c("y").log(), right_on="y", how="semi"),
    # an inner join that keeps no row
    "an inner join": frame.join(frame.select(y=c("y") + 1), on="y", how="inner"),
}


def run(query: pl.LazyFrame, engine: str) -> str:
    try:
        return f"frame {query.collect(engine=engine).shape}"
    except pl.exceptions.PolarsError as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, joined in queries.items():
    query = joined.select(c("w"), stamp).drop_nans(subset=["e1", "w"])
    in_memory, streaming = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, Datetime after {label}: in-memory {in_memory}; streaming {streaming}"
    )
    if not in_memory.startswith("frame") and streaming.startswith("frame"):
        print(f"baseline raised {in_memory}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
