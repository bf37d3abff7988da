"""A plan with pl.fold or pl.reduce serializes to other bytes once it has been deserialized.

`pl.fold(acc, function, exprs)` and `pl.reduce(function, exprs)` (and `pl.cum_sum_horizontal`,
which Polars builds on a cumulative fold with a Python callback; `LazyFrame.pipe_with_schema` and
`Expr.rolling_map`, which wrap their callback alike) pickle their Python callback
(cloudpickle) into the serialized plan. `LazyFrame.deserialize` reads it back and the plan
answers the same, but serializing the deserialized plan writes a callback 4 bytes longer (7 in
JSON), stable from then on; a plan with `map_batches` or `map_elements` keeps its bytes. Found by
the serialization twin of the generated-query check. Exits 1 while the bytes change, 0 once
they are stable. Needs Polars and cloudpickle.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import io
import warnings

import polars as pl

warnings.simplefilter("ignore")  # json serialization is deprecated on some releases
frame = pl.LazyFrame({"a": [1, 2]})
plans = {
    "fold": frame.select(pl.fold(pl.lit(0), lambda acc, x: acc + x, [pl.col("a")])),
    "reduce": frame.select(pl.reduce(lambda acc, x: acc + x, [pl.col("a")])),
    # built on a cumulative fold with a Python callback of Polars' own
    "cum_sum_horizontal": frame.select(pl.cum_sum_horizontal(pl.col("a"), pl.col("a"))),
    # a plan-level and a rolling callback, which Polars wraps alike
    "pipe_with_schema": frame.pipe_with_schema(lambda lf, schema: lf.select(list(schema)[::-1])),
    "rolling_map": frame.select(pl.col("a").rolling_map(lambda s: s.min(), window_size=2)),
}
changed = False
print(f"Polars {pl.__version__}")
for name, plan in plans.items():
    for fmt in ("binary", "json"):
        data = plan.serialize(format=fmt)
        source = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
        again = pl.LazyFrame.deserialize(source, format=fmt).serialize(format=fmt)
        if again == data:
            print(f"  {name} ({fmt}): the deserialized plan serializes to the same bytes")
            continue
        changed = True
        at = next(
            (i for i, (a, b) in enumerate(zip(data, again, strict=False)) if a != b), len(data)
        )
        print(
            f"{name}: the deserialized plan serializes ({fmt}) to other bytes: first difference "
            f"at offset {at} (lengths {len(data)} and {len(again)})\n"
            f"--- before ---\n{data[max(0, at - 40) : at + 80]!r}"
        )
sys.exit(1 if changed else 0)
