"""Standalone reproducers: one `.py` per discrepancy that needs nothing but Polars.

`python file.py` exits non-zero while the discrepancy exists and zero once it is fixed. Input frames
are written as literals (checked to round-trip; Arrow IPC bytes are the fallback for values that do
not), with their chunk layout, and the comparison is the suite's own.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import inspect
import io
import math
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl
from polars.exceptions import PanicException
from polars.testing import assert_frame_equal

from conformance import compare
from conformance.compare import Rules
from conformance.lanes import LANES, Lane
from conformance.outcomes import Outcome
from conformance.output_modes import adjustment_code
from conformance.passes import BASELINE, Variant, all_variants
from conformance.source import query_source
from reports.records import decode_frames

_PREAMBLE = """\
import base64
import datetime
import io
import sys
import zoneinfo
from decimal import Decimal
from math import inf, nan

import polars as pl
from polars.exceptions import PanicException
from polars.testing import assert_frame_equal

c = pl.col
"""


def dtype_code(dtype: pl.DataType) -> str:
    """A dtype as Python source (`pl.List(pl.Int8)`), nested types included."""
    if isinstance(dtype, pl.List):
        return f"pl.List({dtype_code(dtype.inner)})"
    if isinstance(dtype, pl.Array):
        return f"pl.Array({dtype_code(dtype.inner)}, {dtype.shape[0]})"
    if isinstance(dtype, pl.Struct):
        fields = ", ".join(f"{f.name!r}: {dtype_code(f.dtype)}" for f in dtype.fields)
        return f"pl.Struct({{{fields}}})"
    if dtype == pl.Categorical:
        return "pl.Categorical"
    return f"pl.{dtype!r}"


def _value_code(value: object) -> str:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value_code(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_value_code(v)}" for k, v in value.items()) + "}"
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta | decimal.Decimal):
        return repr(value)
    return repr(value)


def _literal_code(frame: pl.DataFrame) -> str:
    columns = ",\n".join(
        f"        {name!r}: {_value_code(values)}"
        for name, values in frame.to_dict(as_series=False).items()
    )
    schema = ", ".join(f"{name!r}: {dtype_code(dtype)}" for name, dtype in frame.schema.items())
    return f"pl.DataFrame(\n    {{\n{columns}\n    }},\n    schema={{{schema}}},\n)"


def _ipc_code(frame: pl.DataFrame) -> str:
    buf = io.BytesIO()
    frame.write_ipc(buf)
    data = base64.b64encode(buf.getvalue()).decode()
    return f"pl.read_ipc(io.BytesIO(base64.b64decode({data!r})))"


def frame_code(frame: pl.DataFrame) -> str:
    """Source that rebuilds `frame` exactly: literals when they round-trip, else IPC bytes."""
    namespace: dict[str, object] = {}
    exec(_PREAMBLE, namespace)
    try:
        code = _literal_code(frame)  # values Python cannot hold (a huge Duration) panic here
        assert_frame_equal(eval(code, namespace), frame, check_exact=True)
    except (Exception, PanicException):  # some releases panic comparing e.g. categoricals
        code = _ipc_code(frame)
    layout = {s.name: s.chunk_lengths() for s in frame.get_columns() if len(s.chunk_lengths()) > 1}
    return f"chunked({code}, {layout!r})" if layout else code


_CHUNKED = '''
def chunked(frame, layout):
    """Split columns into the chunks the failing input had (some bugs need the boundaries)."""
    columns = []
    for s in frame.get_columns():
        offset, chunks = 0, []
        for n in layout.get(s.name, [s.len()]):
            chunks.append(s.slice(offset, n))
            offset += n
        columns.append(pl.concat(chunks, rechunk=False))
    return pl.DataFrame(columns)
'''


def reproducer_source(
    *,
    title: str,
    query_code: str,
    frames: Sequence[pl.DataFrame],
    lane: Lane,
    variant: Variant,
    rules: Rules,
) -> str:
    """The text of a standalone reproducer for one (query, input, lane, variant) discrepancy."""
    env = "".join(f"os.environ[{k!r}] = {v!r}\n" for k, v in lane.env.items())
    head = f'"""{title}\n\nPolars {pl.__version__}. Exits 1 while the discrepancy exists, 0 once fixed.\n"""\n'
    if env:
        head += (
            "import os\n\n# read once at start-up by the engine: set before polars is imported\n"
            + env
            + "\n"
        )
    inputs = ",\n".join(textwrap.indent(frame_code(f), "    ") for f in frames)
    kwargs = variant.code()
    tolerances = dict(zip(compare._TOLERANCE_NAMES, (rules.rtol, rules.atol), strict=True))
    compare_kwargs = ", ".join(
        [
            f"check_dtypes={rules.check_dtypes}",
            f"check_column_order={rules.check_column_order}",
            "check_exact=False",
        ]
        + [f"{k}={v!r}" for k, v in tolerances.items()]
    )
    ordering = (
        ""
        if rules.ordered
        else (
            inspect.getsource(compare._canonical)
            + "\n\n"
            + inspect.getsource(compare.row_key)
            + "\n\n"
            + inspect.getsource(compare._sort_rows)
            + "\n\n"
            + inspect.getsource(compare._sort_pair)
            + "\n"
        )
    )
    sort = "" if rules.ordered else "    expected, got = _sort_pair(expected, got)\n"
    mode = lane.output_mode
    if mode is None:
        mode_code, adjust = "", ""
        candidate = f"plan().collect(engine={lane.engine_code}{', ' + kwargs if kwargs else ''})"
    else:
        mode_code = query_source(mode.function).removeprefix("query = ") + "\n\n"
        candidate = f"{mode.function.__code__.co_name}(plan())"
        adjust = adjustment_code(mode, rules)
    return (
        head
        + _PREAMBLE
        + ("import math\n" if ordering else "")
        + _CHUNKED
        + "\n"
        + ordering
        + "\n"
        + query_code
        + f"\n\ninputs = [\n{inputs},\n]\n\n"
        + "def attempt(run):\n"
        + "    try:\n"
        + "        return run(), None\n"
        + "    except BaseException as exc:  # a panic is a BaseException\n"
        + "        return None, exc\n\n\n"
        + "def plan():\n"
        + "    return query(*(f.lazy() for f in inputs))\n\n\n"
        + mode_code
        + 'expected, expected_error = attempt(lambda: plan().collect(engine="in-memory"))\n'
        + f"got, got_error = attempt(lambda: {candidate})\n"
        + f'print("baseline: in-memory, all passes on; candidate: {lane.name}, {variant.name}")\n'
        + "if expected_error or got_error:\n"
        + '    print(f"baseline: {expected_error!r}\\ncandidate: {got_error!r}")\n'
        + "    panicked = any(isinstance(e, PanicException) for e in (expected_error, got_error))\n"
        + "    sys.exit(1 if panicked or type(expected_error) is not type(got_error) else 0)\n"
        + adjust
        + "try:\n"
        + sort
        + f"    assert_frame_equal(expected, got, {compare_kwargs})\n"
        + "except AssertionError as exc:\n"
        + '    print(f"{exc}\\nexpected:\\n{expected}\\ngot:\\n{got}")\n'
        + "    sys.exit(1)\n"
        + 'print("results agree: the discrepancy is fixed")\n'
    )


def write_reproducer(path: Path, **kwargs: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(reproducer_source(**kwargs), encoding="utf-8")  # type: ignore[arg-type]
    return path


def write_reproducers(
    records: Sequence[dict[str, Any]], directory: Path
) -> dict[tuple[str, str, str], Path]:
    """One reproducer per failing (operation, lane, variant) with a recorded input.

    Where a lane fails with every pass on, the engine itself differs: one reproducer (all-on)
    stands for all of that lane's variants. A catalog operation's query and rules come from the
    catalog; a generated query (a pipeline) carries both in its record.
    """
    from conformance.catalog import OPERATIONS  # the catalog names the queries records refer to

    operations = {op.name: op for op in OPERATIONS}
    lanes = {lane.name: lane for lane in LANES}
    variants = {v.name: v for v in all_variants()}
    if directory.is_dir():
        for old in directory.glob("*.py"):
            old.unlink()
    failing = [
        r
        for r in records
        if Outcome(r["outcome"]).is_failure
        and not r.get("known_issue")
        and r.get("reproduce", {}).get("inputs")
        # an input Polars could not write as IPC (recorded as {"error": ...}) cannot be replayed
        and all("ipc_base64" in item for item in r["reproduce"]["inputs"])
    ]
    engine_level = {(r["operation"], r["lane"]) for r in failing if r["variant"] == BASELINE.name}
    written: dict[tuple[str, str, str], Path] = {}
    for record in failing:
        key = (record["operation"], record["lane"], record["variant"])
        if key in written or (key[:2] in engine_level and key[2] != BASELINE.name):
            continue
        reproduce = record["reproduce"]
        op, lane, variant = operations.get(key[0]), lanes.get(key[1]), variants.get(key[2])
        if op is not None:
            query_code, rules = op.source(), op.rules
        elif "query" in reproduce and "rules" in reproduce:
            query_code, rules = reproduce["query"], Rules(**reproduce["rules"])
        else:
            continue
        if lane is None or variant is None:
            continue
        written[key] = write_reproducer(
            directory / f"{key[0]}--{key[1]}--{key[2].lstrip('-')}.py",
            title=f"{key[0]}: {key[1]} with {key[2]} gives {record['outcome']} against in-memory all-on",
            query_code=query_code,
            frames=decode_frames(reproduce["inputs"]),
            lane=lane,
            variant=variant,
            rules=rules,
        )
    return written
