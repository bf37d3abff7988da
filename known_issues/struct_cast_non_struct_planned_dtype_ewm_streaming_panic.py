"""ewm_mean()/ewm_std() of a Struct column cast to a float dtype panic on the streaming engine.

`pl.col("s").cast(pl.Float64)` of a Struct column is planned (collect_schema()) as Float64 but
computed as a Struct of the cast fields (struct-cast-non-struct-planned-dtype-schema). The
in-memory engine then raises InvalidOperationError (`ewm_mean` operation not supported for dtype
`struct[1]`); the streaming engine trusts the planned Float64 and panics in the ewm kernel
(polars-compute ewm/mean.rs: called `Option::unwrap()` on a `None` value).

Seen on 2.1.0 (a generated query: c("l").list.to_struct(...).struct.eval(...).cast(dtype=
pl.Float32, strict=True).ewm_mean(alpha=0.25, adjust=False), on the streaming lanes and sinks);
reproduces on 1.44.2. Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run.
Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

c = pl.col
lf = pl.LazyFrame({"s": [{"x": 1}, {"x": 2}, None]})


def run(query, engine):
    try:
        return f"a frame {query.collect(engine=engine).schema}", False
    except PanicException as exc:
        return f"panicked: {str(exc).splitlines()[0]}", True
    except pl.exceptions.PolarsError as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}", False


failed = False
for label, expr in (
    ("cast(Float32).ewm_mean()", c("s").cast(pl.Float32).ewm_mean(alpha=0.25, adjust=False)),
    ("cast(Float64).ewm_std()", c("s").cast(pl.Float64).ewm_std(alpha=0.25)),
):
    query = lf.select(expr)
    (expected, _), (got, panicked) = run(query, "in-memory"), run(query, "streaming")
    print(f"Polars {pl.__version__}, {label}: planned {query.collect_schema()['s']}")
    print(f"in-memory: {expected}")
    print(f"streaming: {got}")
    failed |= panicked
sys.exit(1 if failed else 0)
