"""drop_nans() (is_nan) over a Struct or Boolean column after a join whose output is empty: the
in-memory engine raises InvalidOperationError (`is_nan` operation not supported for dtype
`struct[1]` / `bool`), the streaming engine never evaluates it and returns an empty frame.

The same step over an empty frame that is not a join's output (a cleared or filtered source)
raises on both engines. Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

left = pl.LazyFrame({"k": ["a"]})
right = pl.LazyFrame({"k_w": ["b"], "m": [{"f": 1.0}]})
flags = pl.LazyFrame({"b": [True]})
queries = {
    # a cross join emptied by a false filter, then drop_nans over its Struct column
    "struct after a cross join": left.join(right, how="cross")
    .filter(pl.lit(False))
    .drop_nans(subset=["m"]),
    # an anti join that keeps no row, then drop_nans over its Boolean column
    "bool after an anti join": flags.join(flags, on="b", how="anti")
    .shift(1)
    .drop_nans(subset=["b"]),
}


def run(query: pl.LazyFrame, engine: str) -> str:
    try:
        return f"frame {query.collect(engine=engine).shape}"
    except pl.exceptions.PolarsError as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, query in queries.items():
    in_memory, streaming = run(query, "in-memory"), run(query, "streaming")
    print(f"Polars {pl.__version__}, {label}: in-memory {in_memory}; streaming {streaming}")
    if not in_memory.startswith("frame") and streaming.startswith("frame"):
        print(f"baseline raised {in_memory}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
