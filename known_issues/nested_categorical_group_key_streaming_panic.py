"""unique(keep='none') (or group_by) keyed on a nested Categorical column panics on the streaming
engine.

A List, Array or Struct column holding Categorical values (List(Categorical),
Array(Array(Categorical, 3), 1), Struct({'f': Array(Categorical, 2)})) as a group key:
`unique(keep='none')` and `group_by(...).len()` / `.agg(...)` panic in the streaming engine while
decoding the row-encoded keys (polars-row decode.rs: internal error: entered unreachable code);
the in-memory engine answers, and so does the streaming engine for a flat Categorical key, a
nested Enum key, or unique(keep='first'/'any'/'last').

Seen on 1.44.2 and 2.1.0 (a generated query's unique(keep='none', maintain_order=True) over a
frame with an Array(Array(Categorical)) column; streaming, small morsels and every sink).
Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

frame = pl.LazyFrame({"r": [["a", "b"]]}, schema={"r": pl.List(pl.Categorical)})
queries = {
    "unique(keep='none')": frame.unique(keep="none", maintain_order=True),
    "group_by('r').len()": frame.group_by("r").len(),
}
print(f"Polars {pl.__version__}")
failed = False
for name, query in queries.items():
    for engine in ("in-memory", "streaming"):
        try:
            print(f"  {name} {engine}: {query.collect(engine=engine).to_dicts()}")
        except PanicException as exc:  # the symptom; anything else means the reproducer broke
            print(f"  {name} {engine}: panicked: {str(exc).splitlines()[0]}")
            failed = True
sys.exit(1 if failed else 0)
