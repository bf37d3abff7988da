"""collect_async() never resolves when the query panics.

collect() of the same query raises PanicException; the awaitable of collect_async() stays pending
forever (here: past a 10 s limit), so an async caller hangs instead of seeing the error. Exits 1
while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import asyncio
import sys

import polars as pl

# struct.json_encode of a Binary field panics on every engine (struct_json_encode_binary_panic.py)
query = pl.LazyFrame({"s": [{"b": b"x"}]}).select(pl.col("s").struct.json_encode())


async def main() -> str:
    try:
        await asyncio.wait_for(query.collect_async(), timeout=10)
    except asyncio.TimeoutError:
        return "collect_async() did not resolve within 10 s"
    except BaseException as exc:  # PanicException is a BaseException
        return f"collect_async() raised {type(exc).__name__}"
    return "collect_async() returned a frame"


outcome = asyncio.run(main())
print(f"Polars {pl.__version__}: {outcome}")
sys.exit(1 if "did not resolve" in outcome else 0)
