"""str.json_decode() of a column holding empty strings (not valid JSON): the in-memory engine raises
ComputeError (error deserializing JSON: json parsing error: 'InternalError(TapeError) at character 1
(',')'), the streaming engine drops the rows holding "" instead: ["", ""] decodes to no rows and
["1", ""] to [1], so a select() of it returns a shorter frame, and beside a step that is not
row-wise (is_first_distinct()) the streaming engine raises ShapeError: zip node received non-equal
length inputs.

(A single "" decodes to no rows on every engine, eager too: the root is json_decode() not keeping
one value per row for an empty string.)

Seen on 1.44.2 and 2.1.0, every pass on. Exits 1 while the discrepancy exists, 0 once fixed.
Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
frame = pl.LazyFrame({"s": ["", ""], "i": [1, 2]})


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, query in (
    ("json_decode alone", frame.select(c("s").str.json_decode(pl.Int64))),
    (
        "beside a column, under is_first_distinct()",
        frame.select(c("s").str.json_decode(pl.Int64).is_first_distinct(), c("i")),
    ),
):
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, {label} of 2 rows: in-memory {expected_error or 'a frame'}; "
        f"streaming {error or f'a frame of {got.height} rows'}"
    )
    if expected_error and error and expected_error.split(":")[0] != error.split(":")[0]:
        print(f"baseline raised {expected_error}; this cell raised {error}")
        failed = True
    elif expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame of {got.height} rows")
        failed = True
sys.exit(1 if failed else 0)
