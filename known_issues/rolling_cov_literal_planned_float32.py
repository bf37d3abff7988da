"""pl.rolling_cov/rolling_corr of a Float32 column and a literal is planned Float32, computed Float64.

`pl.rolling_cov(pl.col("w"), pl.lit(100), window_size=2)` with `w` Float32: collect_schema() says
Float32, but the engines compute Float64 over rows. Two symptoms of the streaming engine follow:
- over an empty frame it returns the planned Float32 while the in-memory engine returns Float64
  (assert_frame_equal: dtypes do not match);
- carried through a streaming equi-join, the Float64 column meets the join's Float32 builder and
  panics: called `Option::unwrap()` on a `None` value (PrimitiveArrayBuilder<f32>). In memory the
  join returns the rows.

Seen on 1.44.2 and 2.1.0 (the conformance `query` check, streaming lanes).
Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException
from polars.testing import assert_frame_equal

c = pl.col
lf = pl.LazyFrame(
    {"v": [1.0, 2.0, 3.0], "w": [1.0, 2.0, 4.0]}, schema={"v": pl.Float64, "w": pl.Float32}
)
cov = lf.select(c("v"), pl.rolling_cov(c("w"), pl.lit(100), window_size=2).alias("e0"))
print(f"Polars {pl.__version__}: planned {cov.collect_schema()['e0']}")
failed = False

# over an empty frame
empty = lf.clear().select(c("v"), pl.rolling_cov(c("w"), pl.lit(100), window_size=2).alias("e0"))
expected, got = empty.collect(engine="in-memory"), empty.collect(engine="streaming")
try:
    assert_frame_equal(expected, got)
    print("empty frame: both engines agree")
except AssertionError as exc:
    print(f"empty frame, in-memory vs streaming:\n{exc}")
    failed = True

# through a streaming equi-join
join = cov.join(lf, on="v")
rows = join.collect(engine="in-memory")
print(f"join: in-memory returned {rows.shape[0]} rows")
try:
    got = join.collect(engine="streaming")
    print(f"join: streaming returned {got.shape[0]} rows")
except PanicException as exc:
    print(f"join on the streaming engine: panicked: {str(exc).splitlines()[0]}")
    failed = True
sys.exit(1 if failed else 0)
