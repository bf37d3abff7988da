"""str.extract_many() with an empty pattern panics on a string holding a multi-byte character.

`pl.col("k").str.extract_many([""])` (or `["", "a"]`, overlapping or not) over the value "ü"
matches the empty pattern at every byte offset, byte 1 inside "ü" too, and slicing the string
there panics: "start byte index 1 is not a char boundary; it is inside 'ü' (bytes 0..2 of string)".
An ASCII value gives [""] per position; str.find_many, str.replace_many and str.contains_any with
the same empty pattern answer. Both engines panic, so every lane of the suite does.

Seen on 1.44.2 and 2.1.0 (a generated with_columns(c("k_h").str.extract_many(patterns=["", "a"],
leftmost=False, overlapping=True)...)). Exits 1 while the panic happens, 0 once fixed. Needs
nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

query = pl.LazyFrame({"k": ["a", "ü"]}).select(pl.col("k").str.extract_many([""]))
print(f"Polars {pl.__version__}")
failed = False
for engine in ("in-memory", "streaming"):
    try:
        print(f"  {engine}: {query.collect(engine=engine)['k'].to_list()}")
    except PanicException as exc:  # the symptom; anything else means the reproducer broke
        print(f"  {engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)
