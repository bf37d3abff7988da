"""A plan with a Python UDF serializes (binary) to other bytes after collect_schema().

`LazyFrame.serialize()` of a plan holding `pl.map_batches(..., return_dtype=pl.Boolean)` writes the
UDF's output field unresolved; after `collect_schema()` (or `explain()`) the same plan serializes
with the resolved field (name and dtype) cached in the UDF node, so the bytes of one unchanged plan
depend on whether its schema was asked for. (The JSON format has the same problem for every plan:
json-plan-changes-after-collect-schema.) Seen on 1.44.2 and 2.1.0 (the binary format of both pickles
the UDF with cloudpickle).
Exits 1 while the bytes change, 0 once they do not, 2 when it cannot run. Needs Polars and cloudpickle.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import cloudpickle  # Polars pickles the UDF with it; without it this cannot run
import polars as pl

query = pl.LazyFrame({"b": [True, None]}).filter(
    pl.map_batches([pl.col("b")], lambda s: s[0].is_null(), return_dtype=pl.Boolean)
)
before = query.serialize()
query.collect_schema()
after = query.serialize()
print(f"Polars {pl.__version__}: {len(before)} bytes before collect_schema(), {len(after)} after")
if before != after:
    at = next(
        (i for i, (x, y) in enumerate(zip(before, after, strict=False)) if x != y),
        min(len(before), len(after)),
    )
    print(
        "the plan serializes (binary) to other bytes after collect_schema(): first difference at "
        f"offset {at}\n--- before ---\n{before[max(0, at - 60) : at + 40]!r}\n--- after ---\n"
        f"{after[max(0, at - 60) : at + 40]!r}"
    )
    sys.exit(1)
sys.exit(0)
