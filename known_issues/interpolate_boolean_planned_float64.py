"""interpolate() of a Boolean column is planned as Float64 but computed as Boolean.

`collect_schema()` of `LazyFrame.interpolate()` (and `pl.col("b").interpolate()`) says Float64;
the in-memory engine returns the Boolean column unchanged; the streaming engine returns the planned
Float64 where nothing is interpolated (no rows) and panics where a null is interpolated ("should not
fail: SchemaMismatch(... type Boolean is incompatible with expected type Float64)"). A later step
typed by the plan (`quantile`) then raises in memory only, and `pl.corr()` panics there; the sinks cannot write the
Boolean morsels as the planned Float64 (sink_csv writes `true`, which reads back as no Float64). Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import tempfile
from pathlib import Path

import polars as pl
from polars.exceptions import PanicException
from polars.testing import assert_frame_equal

lf = pl.LazyFrame({"b": [True, None, False]})


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except PanicException as exc:
        return None, f"panicked: {str(exc).splitlines()[0]}"
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
# the plan against the in-memory result (the suite's planned-schema check)
query = lf.interpolate()
planned, got = query.collect_schema()["b"], query.collect(engine="in-memory").schema["b"]
print(f"Polars {pl.__version__}: interpolate() planned {planned}, in-memory {got}")
if planned != got:
    print(f"column 'b' is {got}, planned {planned}")
    failed = True
# the streaming engine against the in-memory baseline, as the suite compares them
for label, query in (
    ("LazyFrame.interpolate() of no rows", lf.clear().interpolate()),
    ("select(col.interpolate())", lf.select(pl.col("b").interpolate())),
    ("interpolate().quantile(0.5) of no rows", lf.clear().interpolate().quantile(0.5)),
    (
        "interpolate() then round() of rows without a null",
        lf.drop_nulls().interpolate().select(pl.col("b").round()),
    ),
    (
        "interpolate() then pl.corr() with a Float64 column",
        lf.with_columns(x=pl.lit(1.0)).interpolate().select(pl.corr(pl.col("x"), pl.col("b"))),
    ),
):
    (expected, expected_error), (streaming, error) = (
        run(query, "in-memory"),
        run(query, "streaming"),
    )
    print(
        f"{label}: in-memory {expected_error or expected.dtypes}, streaming {error or streaming.dtypes}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
    elif error:
        print(error)
        failed = failed or error != expected_error
    else:
        try:
            assert_frame_equal(expected, streaming)
        except AssertionError as exc:
            print(exc)
            failed = True
# the sinks write what the streaming engine makes: a first morsel with a null interpolated to
# Float64 beside Boolean ones (an input of two chunks, nulls in the first)
chunks = pl.concat(
    [pl.DataFrame({"b": [False, None]}), pl.DataFrame({"b": [True] * 1000})], rechunk=False
)
with tempfile.TemporaryDirectory() as directory:
    for fmt in ("parquet", "ipc"):
        try:
            getattr(chunks.lazy().interpolate(), f"sink_{fmt}")(Path(directory, f"out.{fmt}"))
            print(f"sink_{fmt}: wrote the file")
        except PanicException as exc:
            print(f"sink_{fmt}: panicked: {str(exc).splitlines()[0]}")
            failed = True
        except pl.exceptions.PolarsError as exc:
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
            print(f"sink_{fmt}: baseline returned a frame; this cell raised {error}")
            failed = True
# where the first morsel keeps its nulls, the engine leaves the column Boolean: sink_csv writes
# `true`, which the file cannot give back as the planned Float64
nulls_first = pl.concat(
    [pl.DataFrame({"b": [None, True] * 600}), pl.DataFrame({"b": [True] * 1000})], rechunk=False
)
with tempfile.TemporaryDirectory() as directory:
    path = Path(directory, "out.csv")
    query = nulls_first.lazy().interpolate()
    try:
        query.sink_csv(path)
        pl.read_csv(path, schema=query.collect_schema())
        print("sink_csv: the file reads back as planned")
    except PanicException as exc:
        print(f"sink_csv: panicked: {str(exc).splitlines()[0]}")
        failed = True
    except pl.exceptions.PolarsError as exc:
        error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
        print(f"sink_csv: baseline returned a frame; this cell raised {error}")
        failed = True
sys.exit(1 if failed else 0)
