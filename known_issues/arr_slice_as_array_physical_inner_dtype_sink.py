"""sink_parquet/sink_ipc of arr.slice(as_array=True) over a logical inner dtype disagree with collect().

The cause of arr-slice-as-array-physical-inner-dtype (arr.slice/head/tail(as_array=True) computes
the physical inner dtype, Decimal to Int128, Date to Int32, while collect_schema() plans the logical
one), met by the sinks that write the planned schema:
- an empty result: collect() (either engine) gives `Array(Int128, 1)`, the sink_parquet (sink_ipc)
  file reads back as the planned `Array(Decimal(17, 4), 1)` -- a dtype mismatch with collect();
- a result with rows: sink_parquet raises InvalidOperationError and sink_ipc panics,
  `to_arrow() conversion failed: cannot convert (Int128) to (Field { name: "item", dtype:
  Decimal(17, 4), ... })`, where collect() answers.
Seen by the conformance suite on the sink_parquet lane (a mean() frame's Array(List(Array(Decimal)))
column, arr.shift().arr.slice(..., as_array=True)). 1.44.2 and 2.1.0 alike.
Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import os
import tempfile
from decimal import Decimal

import polars as pl

dtype = pl.Array(pl.Decimal(17, 4), 2)
wrong = []
with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
    for rows in ([], [[Decimal("1.5"), Decimal("2")]]):
        query = pl.LazyFrame({"r": rows}, schema={"r": dtype}).select(
            pl.col("r").arr.slice(0, length=1, as_array=True)
        )
        collected = query.collect()
        for fmt in ("parquet", "ipc"):
            path = os.path.join(tmp, f"out{len(rows)}.{fmt}")
            try:
                getattr(query, f"sink_{fmt}")(path)
            except BaseException as exc:  # sink_ipc panics: a PanicException is a BaseException
                line = str(exc).splitlines()[0]
                print(
                    f"Polars {pl.__version__}: {len(rows)} rows, collect() answers "
                    f"{collected.schema['r']}; sink_{fmt} raised {type(exc).__name__}: {line}"
                )
                kind = (
                    "panicked: "
                    if "Panic" in type(exc).__name__
                    else "this cell raised InvalidOperationError: "
                )
                wrong.append(kind + line)
                continue
            read = getattr(pl, f"read_{fmt}")(path)
            print(
                f"Polars {pl.__version__}: {len(rows)} rows, collect() gives "
                f"{collected.schema['r']}, sink_{fmt} wrote {read.schema['r']}"
            )
            if read.schema != collected.schema:
                # assert_frame_equal's wording, as the suite reports it
                wrong.append(
                    "DataFrames are different (dtypes do not match, differences only)\n"
                    f'[left]: [("r", {collected.schema["r"]!r})]\n'
                    f'[right]: [("r", {read.schema["r"]!r})]'
                )
if wrong:
    print("\n".join(wrong))
    sys.exit(1)
sys.exit(0)
