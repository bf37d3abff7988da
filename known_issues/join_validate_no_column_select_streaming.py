"""A join with `validate` ("m:1", "1:m", "1:1") whose keys break the validation, under a select
that reads no column of the join (LazyFrame.median() of String columns, which the plan turns into
null literals; select(pl.lit(1).sum())): the in-memory engine runs the join and raises
ComputeError (join keys did not fulfill m:1 validation); the streaming engine never runs the join
and returns one row.

The streaming engine does validate joins: without the column-free select on top (a plain collect,
select(pl.len()), max() of the String columns) it raises the same ComputeError. This is the
mechanism of no-column-select-skips-input-streaming with the join validation's error. Seen on
1.44.2 and 2.1.0, with every optimization on (and off).
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

# "u" twice: the keys are unique on neither side
frame = pl.LazyFrame({"k": ["u", "u", "a"]})


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
for validate in ("m:1", "1:m", "1:1"):
    joined = frame.join(frame, on="k", validate=validate)
    _, plain_error = run(joined, "streaming")
    print(f"validate={validate!r}, plain join: streaming {plain_error or 'a frame'}")
    for label, query in (
        ("median()", joined.median()),
        ("select(pl.lit(1).sum())", joined.select(pl.lit(1).sum())),
    ):
        (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
        print(
            f"validate={validate!r}, .{label}: in-memory {expected_error or 'a frame'}; "
            f"streaming {error or got.rows()}"
        )
        if expected_error and not error:
            print(f"baseline raised {expected_error}; this cell returned a frame")
            failed = True
sys.exit(1 if failed else 0)
