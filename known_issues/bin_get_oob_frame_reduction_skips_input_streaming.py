"""A frame-wide reduction (LazyFrame.quantile(), .median(), .mean()) of a frame whose columns are
all of a dtype it cannot reduce (Binary; Boolean too for quantile()): it plans them as null literals and reads no
column of its input, and the streaming engine never evaluates that input, so a filter before it
that raises is not raised and one row of nulls comes back; the in-memory engine evaluates the
filter and raises. The filter here is bin.get(127, null_on_oob=False) of a Binary column shorter
than that: ComputeError: get index is out of bounds.

The cause of no-column-frame-reduction-skips-input-streaming, with another error. Seen on 2.1.0
(conformance query: join_where, remove(bin.get(...)), quantile(0.5), group_by().n_unique()); 1.44.2
has it too. Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs
nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
frame = pl.LazyFrame({"k": [True, False], "q": [b"\x01", None]})
failing = frame.filter(c("q").bin.get(127, null_on_oob=False).is_null())


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
for name, reduce in (
    ("quantile(0.5)", lambda f: f.quantile(0.5)),
    # the Boolean column's median is computed (it reads the column): dropped, the rest reads none
    ("median().drop('k')", lambda f: f.median().drop("k")),
):
    query = reduce(failing)
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"filter(bin.get(127)).{name}: in-memory {expected_error or 'a frame'}; "
        f"streaming {error or got.rows()}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
