"""On 1.34-2.0 group_by().mean() of a String (or List) column is null in memory; streaming raises.

select(col.mean()) of a String column raises InvalidOperationError ("`mean` operation not supported
for dtype `str`") on both engines, and so does group_by().mean() on the streaming engine; in
memory group_by().mean() answers null for every group (2.1 raises there too; up to 1.33 both
engines answer null). Exits 1 while the
engines differ, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frames = {
    "String": pl.LazyFrame(
        {"k": [1, 1, 2], "s": ["a", "b", None]}, schema={"k": pl.Int8, "s": pl.String}
    ),
    # a nested column alike (1.44: planned as the struct, null in memory, raised on streaming)
    "List(Struct)": pl.LazyFrame({"k": [1, 1, 2], "s": [[{"a": 1, "b": "x"}], None, []]}),
}
differs = False
for name, lf in frames.items():
    query = lf.group_by("k", maintain_order=True).mean()
    outcomes = {}
    for engine in ("in-memory", "streaming"):
        try:
            outcomes[engine] = query.collect(engine=engine).rows()
        except pl.exceptions.PolarsError as exc:
            outcomes[engine] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    print(f"Polars {pl.__version__}: group_by.mean() of {name}: {outcomes}")
    if not isinstance(outcomes["in-memory"], str) and isinstance(outcomes["streaming"], str):
        print(f"baseline returned a frame; this cell raised {outcomes['streaming']}")
    differs = differs or outcomes["in-memory"] != outcomes["streaming"]
sys.exit(1 if differs else 0)
