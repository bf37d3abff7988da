"""On 1.44 group_by().mean() of a Binary or Struct column is null in memory; streaming raises.

select(col.mean()) of a Binary or Struct column raises InvalidOperationError ("`mean` operation
not supported for dtype `binary`" / "`struct[1]`") on both engines, and so does group_by().mean()
on the streaming engine; in memory group_by().mean() answers null for every group (the same cause
as group-by-mean-string-in-memory-nulls, for String and List). 2.1.0 raises on both engines.
Seen on 1.44.2. Exits 1 while the engines differ, 0 once fixed, 2 when it cannot run. Needs
nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frames = {
    "Binary": pl.LazyFrame({"k": [1, 1, 2], "q": [b"a", b"b", None]}),
    "Struct": pl.LazyFrame({"k": [1, 1, 2], "q": [{"a": 1}, {"a": 2}, None]}),
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
