"""collect_async() never resolves when the query panics.

collect() of the same query raises PanicException; the awaitable of collect_async() stays pending
forever (here: past a 2 s limit; collect() raises in milliseconds), so an async caller hangs
instead of seeing the error. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but
Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import asyncio

import polars as pl
from polars.exceptions import PanicException

# struct.json_encode of a Binary field panics on every engine (struct_json_encode_binary_panic.py)
query = pl.LazyFrame({"s": [{"b": b"x"}]}).select(pl.col("s").struct.json_encode())


async def main() -> str:
    try:
        await asyncio.wait_for(query.collect_async(), timeout=2)
    except asyncio.TimeoutError:
        return "collect_async() did not resolve within 2 s"
    except BaseException as exc:  # PanicException is a BaseException
        return f"collect_async() raised {type(exc).__name__}"
    return "collect_async() returned a frame"


outcome = asyncio.run(main())
print(f"Polars {pl.__version__}: {outcome}")
if "did not resolve" in outcome:  # as the suite words it
    try:
        query.collect()
    except PanicException as exc:
        print(f"no result; collect() of the same query panics: {str(exc).splitlines()[0]}")
sys.exit(1 if "did not resolve" in outcome else 0)
