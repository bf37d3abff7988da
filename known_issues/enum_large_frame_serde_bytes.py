"""On 1.44 a plan over an Enum column of more than 2**19 rows with nulls serializes to other bytes
once deserialized (LazyFrame.serialize, binary and json).

The frame (572156 rows, an Enum column about half null, values and nulls drawn as the query
check's generator draws them, written to Arrow IPC and read back) is held in the plan;
LazyFrame.deserialize gives it back in two chunks (2**19 rows and the rest), and serializing that
plan again writes other bytes in the Enum column's buffers (the validity bitmap's padding bits,
the values under nulls); from then on the bytes are stable. The same frame with a Categorical
column keeps its bytes. The query check's serialization twin met it on cat_unique and
enum_get_categories (select(x.unique()), select(x.cat.get_categories())). 2.1.0 keeps the bytes of
this frame. Exits 1 while the bytes change, 0 once fixed. Needs nothing but Polars.
"""

import io
import sys
import warnings


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

warnings.simplefilter("ignore")  # json serialization is deprecated on some releases
ROWS = 572_156
u64 = pl.UInt64


def mix(z):
    """splitmix64's finalizer (wrapping u64 arithmetic): well-mixed values per row."""
    z = (z ^ (z // pl.lit(1 << 30, u64))) * pl.lit(0xBF58476D1CE4E5B9, u64)
    z = (z ^ (z // pl.lit(1 << 27, u64))) * pl.lit(0x94D049BB133111EB, u64)
    return z ^ (z // pl.lit(1 << 31, u64))


def frame(dtype):
    row = pl.int_range(0, ROWS, dtype=u64)
    code = (mix(row) % pl.lit(1 << 32, u64)).cast(pl.Int64)
    values = pl.lit(pl.Series(["a", "b", "c", "d"]).cast(dtype)).gather(code % 4)
    null = (mix(row + pl.lit(0x9E3779B97F4A7C15, u64)) // pl.lit(1 << 32, u64)).cast(pl.Int64)
    built = pl.select(pl.when(null < (1 << 31)).then(None).otherwise(values).alias("x"))
    buf = io.BytesIO()  # one Arrow IPC representation, as the query check settles its inputs
    built.write_ipc(buf)
    return pl.read_ipc(io.BytesIO(buf.getvalue()))


def same_bytes(lf, fmt):
    data = lf.serialize(format=fmt)
    source = io.BytesIO(data) if fmt == "binary" else io.StringIO(data)
    return data == pl.LazyFrame.deserialize(source, format=fmt).serialize(format=fmt)


print(f"Polars {pl.__version__}")
failed = False
for name, dtype in (("Enum", pl.Enum(["a", "b", "c", "d"])), ("Categorical", pl.Categorical)):
    lf = frame(dtype).lazy().select(pl.col("x").unique())
    for fmt in ("binary", "json"):
        if same_bytes(lf, fmt):
            print(f"{name}: the deserialized plan serializes ({fmt}) to the same bytes")
        else:
            print(
                f"{name}:\nthe deserialized plan serializes ({fmt}) to other bytes on the inputs settled to Arrow IPC"
            )
            failed |= name == "Enum"
sys.exit(1 if failed else 0)
