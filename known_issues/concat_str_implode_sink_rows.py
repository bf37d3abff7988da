"""select(col, pl.concat_str(<two non-scalar inputs>).implode()) run through sink_parquet or
sink_ipc on 1.44 writes the wrong number of rows: over one row it writes two (the column repeated),
over three rows (or none) it raises ShapeError: zip node received non-equal length inputs. collect()
on either engine and collect_batches() give one row per input row; 2.1 sinks agree.

Seen on 1.44.2 (sink_parquet, sink_ipc); 2.1.0 is right.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import tempfile
from pathlib import Path

import polars as pl

c = pl.col
failed = False
with tempfile.TemporaryDirectory() as tmp:
    for n in (1, 3):
        query = pl.LazyFrame({"v": list(range(n))}).select(
            c("v"), pl.concat_str(pl.int_range(2), pl.int_range(2)).implode().alias("e")
        )
        expected = query.collect()
        for sink, read in (("sink_parquet", pl.read_parquet), ("sink_ipc", pl.read_ipc)):
            path = Path(tmp) / f"{sink}{n}"
            try:
                getattr(query, sink)(path)
                got, error = read(path), None
            except pl.exceptions.ShapeError as exc:
                got, error = None, f"ShapeError: {str(exc).splitlines()[0]}"
            print(
                f"Polars {pl.__version__}, {n} row(s), {sink}: collect() {expected.height} rows; "
                f"{sink} {error or f'{got.height} rows'}"
            )
            if error:
                print(f"baseline returned a frame; this cell raised {error}")
                failed = True
            elif got.height != expected.height:
                print("DataFrames are different (height (row count) mismatch)")
                failed = True
sys.exit(1 if failed else 0)
