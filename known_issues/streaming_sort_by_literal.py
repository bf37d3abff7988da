"""A literal (or a scalar aggregate) sorted by a column: a ShapeError in memory, a broadcast frame
on the streaming engine.

`with_columns(b=pl.lit(1).sort_by(pl.col("k")))` on a 3-row frame raises ShapeError in memory
(`sort_by` produced different length (3) than the Series that has to be sorted (1)), also with no
rows; the streaming engine returns the frame with the literal repeated. Seen on 1.44.2 and 2.1.0.
A scalar aggregate sorted by a column in a remove()/filter() predicate (c("k").last().sort_by(
c("k"))) is broadcast alike, so the streaming engine passes the rows on and a later step's own
error surfaces instead (list.item() of an empty list: aggregation 'item' expected a single value,
got none), as in the 2.1.0 run. Exits 1 while the engines disagree, 0 once fixed. Needs nothing but
Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
lf = pl.LazyFrame({"k": [2, 1, 3], "l": [[1], [], [2]]})
queries = {
    "lit(1).sort_by(k)": lf.with_columns(b=pl.lit(1).sort_by(c("k"))),
    "remove(k.last().sort_by(k) > 9), then l.list.item()": lf.remove(
        c("k").last().sort_by(c("k")) > 9
    ).with_columns(c("l").list.item()),
}
failed = False
for label, query in queries.items():
    outcomes = {}
    for engine in ("in-memory", "streaming"):
        try:
            outcomes[engine] = f"returned a frame {query.collect(engine=engine).rows()}"
        except pl.exceptions.PolarsError as exc:
            outcomes[engine] = f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
    print(f"Polars {pl.__version__}, {label}: {outcomes}")
    if outcomes["in-memory"].split(":")[0] != outcomes["streaming"].split(":")[0]:
        cell = outcomes["streaming"].split(" [")[0]
        print(f"baseline {outcomes['in-memory']}; this cell {cell}")
        failed = True
sys.exit(1 if failed else 0)
