"""group_by().min()/max() of a List or Struct column: null groups in memory, an error streaming.

`select(pl.col("l").min())` raises InvalidOperationError (`min` operation not supported for dtype
`list[i8]`) on both engines, but inside a group_by the in-memory engine silently returns null for
every group, while the streaming engine raises that error. Seen on 1.44.2 and 2.1.0.
Exits 1 while the engines disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frames = {
    "List(Int8)": pl.LazyFrame(
        {"k": [1, 1, 2], "l": [[1], [2, 0], [3]]}, schema={"k": pl.Int8, "l": pl.List(pl.Int8)}
    ),
    "Struct": pl.LazyFrame({"k": [1, 1, 2], "m": [{"f": 1}, {"f": 0}, {"f": 3}]}),
    "Array(Int8, 2)": pl.LazyFrame(
        {"k": [1, 1, 2], "a": [[1, 2], [0, 5], [3, 3]]},
        schema={"k": pl.Int8, "a": pl.Array(pl.Int8, 2)},
    ),
}
failed = False
for dtype, lf in frames.items():
    for method in ("min", "max"):
        query = getattr(lf.group_by("k", maintain_order=True), method)()
        outcomes = {}
        for engine in ("in-memory", "streaming"):
            try:
                outcomes[engine] = query.collect(engine=engine).rows()
            except pl.exceptions.PolarsError as exc:
                outcomes[engine] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
        print(f"Polars {pl.__version__}: group_by.{method}() of {dtype}: {outcomes}")
        if not isinstance(outcomes["in-memory"], str) and isinstance(outcomes["streaming"], str):
            print(f"baseline returned a frame; this cell raised {outcomes['streaming']}")
        failed = failed or outcomes["in-memory"] != outcomes["streaming"]
sys.exit(1 if failed else 0)
