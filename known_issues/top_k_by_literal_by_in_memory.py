"""top_k_by()/bottom_k_by() with a literal `by` (pl.lit(...)) over a column of several rows: on
1.44 the in-memory engine raises ComputeError (`by` column's (literal) length (1) should have the
same length as the source column length (4) in `top_k`), the streaming engine broadcasts the
literal and answers. 2.1 answers on both engines (as 1.44's streaming engine does).

Seen on 1.44.2; 2.1.0 answers.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
failed = False
frame = pl.LazyFrame({"a": [1, 2, 3, 4]})
for method in ("top_k_by", "bottom_k_by"):
    query = frame.select(getattr(c("a"), method)(by=pl.lit(1), k=2))
    results = {}
    for engine in ("in-memory", "streaming"):
        try:
            results[engine] = ("a frame", query.collect(engine=engine).height)
        except pl.exceptions.ComputeError as exc:
            results[engine] = (f"ComputeError: {str(exc).splitlines()[0]}", None)
    print(f"Polars {pl.__version__}, {method}(by=pl.lit(1)): {results}")
    if results["in-memory"][1] is None and results["streaming"][1] is not None:
        print(f"baseline raised {results['in-memory'][0]}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)
