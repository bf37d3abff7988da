"""x / 1e9 (Float64) rounds differently by chunk length: a serde round trip changes the result.

Polars divides a float column by a scalar as a multiplication by the scalar's reciprocal
(`prim_true_div_scalar`: x * (1 / 1e9)), which is not correctly rounded: 11000000 / 1e9 comes
out as 0.011000000000000001 instead of 0.011. A column piece of one row takes the exact division
instead (the length-1 side is broadcast as the scalar: 11000000 / 1e9 = 0.011), so the same value
gives another float depending on how the column lies in memory: a one-row frame gives 0.011, a
two-row frame 0.011000000000000001.

dt.second(fractional=True) is second + nanosecond / 1e9. Over a frame tiled from one-row frames
(pl.concat(..., rechunk=False): one-row chunks on 1.44, a column 2.1 keeps as one repeated
value), the in-memory engine gives 0.011; the plan serialized (binary or JSON) carries the frame
as one materialized chunk, and the deserialized plan gives 0.011000000000000001: the round trip
changes the result by one ulp. Seen on 1.44.2 and 2.1.0 (catalog operation dt_time_components,
variants serde-binary and serde-json).
Exits 1 while it does, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime
import io
import warnings

import polars as pl
from polars.testing import assert_frame_equal

c = pl.col

# the root cause, without serialization: the same value divided by the same literal
one, two = (pl.DataFrame({"x": [11_000_000] * n}).select(c("x") / 1e9) for n in (1, 2))
print(
    f"Polars {pl.__version__}: 11000000 / 1e9 is {one['x'][0]!r} in a one-row frame, "
    f"{two['x'][0]!r} in a two-row frame (Python: {11_000_000 / 1e9!r})"
)

row = pl.DataFrame(
    {"t": [datetime.datetime(2000, 1, 1, 0, 0, 0, 11_000)]}, schema={"t": pl.Datetime("ms")}
)
frame = pl.concat([row] * 3, rechunk=False)  # a frame tiled from one-row frames
query = frame.lazy().with_columns(fractional_second=c("t").dt.second(fractional=True))
baseline = query.collect(engine="in-memory")
failed = False
for fmt in ("binary", "json"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # JSON serialization is deprecated on some releases
        data = query.serialize(format=fmt)
        source = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
        got = pl.LazyFrame.deserialize(source, format=fmt).collect(engine="in-memory")
    try:  # the suite's comparison: the baseline on the left, exact
        assert_frame_equal(baseline, got, check_exact=True)
    except AssertionError as exc:
        print(
            f"the plan deserialized from {fmt} gives another result\n{exc}\n"
            f"baseline {baseline['fractional_second'][0]!r}, "
            f"deserialized {got['fractional_second'][0]!r}"
        )
        failed = True
sys.exit(1 if failed else 0)
