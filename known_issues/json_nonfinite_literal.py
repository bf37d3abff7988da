"""An expression or plan with a NaN or infinite float literal cannot be read back from JSON.

`serialize(format="json")` writes the literal as null ({"Float": null}); `deserialize` then
fails: invalid type: null, expected f64. Exits 1 while the discrepancy exists, 0 once fixed.
Needs nothing but Polars.
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

warnings.simplefilter("ignore")  # the json format of LazyFrame.serialize is deprecated
expr = pl.col("x") == pl.lit(float("nan"))
plan = pl.LazyFrame({"x": [1.0]}).filter(expr)
failures = []
for what, obj, cls in (("Expr", expr.meta, pl.Expr), ("LazyFrame", plan, pl.LazyFrame)):
    text = obj.serialize(format="json")
    try:
        cls.deserialize(io.StringIO(text), format="json")
    except Exception as exc:
        failures.append(what)
        print(f"{what}: {text[-80:]}")
        print(f"deserializing its own json output raised {type(exc).__name__}: {exc}")
print(f"Polars {pl.__version__}: {len(failures)} of 2 JSON round trips failed")
sys.exit(1 if failures else 0)
