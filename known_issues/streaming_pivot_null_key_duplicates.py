"""LazyFrame.pivot on the streaming engine misses duplicates under a null key and index (1.44).

Two rows with index null and key null: pivot with no aggregate must raise (two values for one cell),
as the in-memory engine and DataFrame.pivot do. The streaming engine returns a null cell instead,
and with aggregate_function="item" raises claiming it saw no value. Exits 1 while the engines
disagree, 0 once they agree. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

schema = {"i": pl.Int8, "k": pl.Int8, "v": pl.Int8}
lf = pl.LazyFrame({"i": [None, None], "k": [None, None], "v": [None, None]}, schema=schema)
query = lf.pivot(on="k", on_columns=pl.Series([None], dtype=pl.Int8), index="i", values="v")
answers = {}
for engine in ("in-memory", "streaming"):
    try:
        answers[engine] = query.collect(engine=engine).rows()
    except pl.exceptions.ComputeError as exc:
        answers[engine] = f"ComputeError: {str(exc).splitlines()[0]}"
    print(f"Polars {pl.__version__} {engine}: {answers[engine]}")
if isinstance(answers["in-memory"], str) and not isinstance(answers["streaming"], str):
    # as the reshape property words it (DataFrame.pivot raises like the in-memory engine)
    print(
        f"LazyFrame.pivot(aggregate_function=None) != eager\nexpected: {answers['in-memory']}"
        f"\ngot: a frame\n{answers['streaming']}"
    )
sys.exit(0 if answers["in-memory"] == answers["streaming"] else 1)
