"""sink_parquet and sink_ipc panic writing pl.when().then(<Date column>).otherwise(<int literal>),
whose column collect_schema() plans with the Unknown dtype (when-then-int-literal-temporal-planned-
unknown) while both engines compute Int32 (Int64 for a Time column).

`select(pl.when(c("s").is_null()).then(c("d")).otherwise(pl.lit(65536)))` collects to an Int32
column, and sink_csv/sink_ndjson write it, but the sinks that set up their file schema from the
planned one meet Unknown: sink_ipc panics converting the Int32 data to the planned Arrow field
(to_arrow() conversion failed: cannot convert (Int32) to (Field { ... dtype: Unknown ... })) on
1.44.2 and 2.1.0; 2.1.0's sink_parquet panics in ArrowDataType::to_physical_type ("not
implemented", polars-arrow datatypes/mod.rs) where 1.44.2 raises ComputeError (Writing the data
type Unknown is not yet implemented). Found by the generated-query check on the sink_parquet and
sink_ipc lanes (the when/then after a self-join). Exits 1 while either sink panics, 0 once they
write the column. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime as dt
import os
import tempfile

import polars as pl
from polars.exceptions import PanicException

c = pl.col
frame = pl.LazyFrame(
    {"d": [None, dt.date(2020, 1, 1)], "s": [None, "a"]}, schema={"d": pl.Date, "s": pl.String}
)
query = frame.select(pl.when(c("s").is_null()).then(c("d")).otherwise(pl.lit(65536)).alias("e0"))
print(
    f"Polars {pl.__version__}: planned {query.collect_schema()['e0']}, "
    f"collected {query.collect().schema['e0']}"
)
panicked = False
with tempfile.TemporaryDirectory() as tmp:
    for sink in ("sink_ipc", "sink_parquet"):
        try:
            getattr(query, sink)(os.path.join(tmp, sink))
            print(f"{sink}: wrote the column")
        except PanicException as exc:
            print(f"{sink}: panicked: {str(exc).splitlines()[0]}")
            panicked = True
        except Exception as exc:  # 1.44's sink_parquet raises instead
            print(f"{sink}: raised {type(exc).__name__}: {str(exc).splitlines()[0]}")
sys.exit(1 if panicked else 0)
