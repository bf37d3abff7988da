"""An empty Categorical column read from Arrow IPC loses its sorted flag in a plan round trip.

An empty Categorical column read back from IPC (`pl.read_ipc`) carries the flags SORTED_ASC and
FAST_EXPLODE (`_PL_FLAGS` [5]) and a plan over it serializes them; the plan read back by
`LazyFrame.deserialize` serializes [4]: the sorted flag is gone. A one-row Categorical, an empty
String or Int64 column, and a frame built in memory keep their flags. Found by the serialization
twin of the catalog's join_semi (inputs as a record keeps them). Exits 1 while the bytes change,
0 once they are stable. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import io
import json
import re
import warnings

import polars as pl

FLAGS = re.compile(rb"(\[[0-9,]*\])(?=\x00{1,4}\t\x00\x00\x00_PL_FLAGS)")


def frames(data):
    """The Arrow IPC bytes of a plan's frames: a JSON plan holds them as arrays of numbers."""
    if isinstance(data, bytes):
        return [data]
    return [bytes(json.loads(a)) for a in re.findall(r'"df":(\[[0-9,]*\])', data)]


def masked(data):
    return [FLAGS.sub(lambda m: b"#" * len(m.group()), f) for f in frames(data)]


warnings.simplefilter("ignore")  # json serialization is deprecated on some releases
written = io.BytesIO()
pl.DataFrame(schema={"y": pl.Categorical, "k": pl.Int8}).write_ipc(written)
frame = pl.read_ipc(io.BytesIO(written.getvalue()))
plan = frame.lazy()
changed = False
for fmt in ("binary", "json"):
    data = plan.serialize(format=fmt)
    source = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
    again = pl.LazyFrame.deserialize(source, format=fmt).serialize(format=fmt)
    if again == data:
        print(f"  ({fmt}): the deserialized plan serializes to the same bytes")
        continue
    changed = True
    at = next((i for i, (a, b) in enumerate(zip(data, again, strict=False)) if a != b), len(data))
    same_length = len(data) == len(again)
    how = " (column flags only)" if same_length and masked(data) == masked(again) else ""
    what = f"the deserialized plan serializes ({fmt}) to other bytes{how}"
    print(f"{what}\n{what}: first difference at offset {at} (lengths {len(data)} and {len(again)})")
    flags = [[f for b in frames(d) for f in FLAGS.findall(b)] for d in (data, again)]
    print(f"_PL_FLAGS before {flags[0]}, after {flags[1]}")
print(f"Polars {pl.__version__}: flags as read {[frame[c].flags for c in frame.columns]}")
sys.exit(1 if changed else 0)
