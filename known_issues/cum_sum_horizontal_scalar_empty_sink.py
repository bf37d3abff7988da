"""cum_sum_horizontal of a scalar aggregate and a column over an empty frame raises ShapeError in
memory (and on collect(engine="streaming")), but sink_parquet/sink_ipc of the same query do not
raise it (Polars 1.44).

On 0 rows the in-memory engine does not broadcast the length-1 aggregate and raises
"ShapeError: expected struct fields to have given length. given = 1, field length = 0." The 1.44
sinks never evaluate the projection on the empty stream: with two fields named 'literal' in the
struct they raise DuplicateError (the writer rejects the schema), with distinct names they write
an empty file. Polars 2.1.0 raises the ShapeError on the sinks too. Seen in the conformance run's
generated query `...filter(pl.lit(False))...with_columns_seq(pl.struct(pl.cum_sum_horizontal(
pl.corr(...), c("w"), pl.lit(0)).struct.unnest()))` on sink_parquet and sink_ipc.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import os
import tempfile

import polars as pl

c = pl.col


def run(action) -> str:
    try:
        action()
        return "frame"
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


lf = pl.LazyFrame({"w": [1.0]}).filter(pl.lit(False))
queries = {
    # the aggregate and pl.lit(0) are both named 'literal'
    "duplicate names": lf.select(
        pl.cum_sum_horizontal(pl.lit(1.0).sum(), c("w"), pl.lit(0)).struct.unnest()
    ),
    "distinct names": lf.select(pl.cum_sum_horizontal(pl.lit(1.0).sum(), c("w")).struct.unnest()),
}
failed = False
with tempfile.TemporaryDirectory() as tmp:
    for name, query in queries.items():
        in_memory = run(lambda query=query: query.collect(engine="in-memory"))
        for sink in ("sink_parquet", "sink_ipc"):
            path = os.path.join(tmp, f"out.{sink}")
            got = run(lambda query=query, sink=sink, path=path: getattr(query, sink)(path))
            print(f"Polars {pl.__version__}, {name}: in-memory {in_memory}; {sink} {got}")
            if in_memory.split(":")[0] != got.split(":")[0]:
                failed = True
                if got == "frame":
                    print(f"baseline raised {in_memory}; this cell returned a frame")
                else:
                    print(f"baseline raised {in_memory}; this cell raised {got}")
sys.exit(1 if failed else 0)
