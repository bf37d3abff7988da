"""Standalone reproducers: one `.py` per distinct discrepancy, written from its record alone.

`python file.py` exits 1 while the discrepancy exists, 0 once it is fixed, and 2 when it cannot run
here (an import fails, an API it calls is missing, an unexpected exception outside the compared
runs). Input frames are written as literals (checked to round-trip; Arrow IPC bytes are the fallback
for values that do not), with their chunk layout. Nothing here imports `conformance`: a failing
record carries everything, in `record["reproduce"]`:

- `query`: source that defines `query`, a function from the input LazyFrames to a LazyFrame;
- `inputs`: the input frames as `reports.records.encode_frames` wrote them;
- `script`: how to judge the result, one of
  - `{"kind": "differential", "env", "imports", "helpers", "baseline", "candidate", "adjust",
    "compare"}` (written by `conformance.run.reproduce_spec.script_spec`): `env` (name -> value) is set
    before Polars is imported; `imports` are extra module names; `helpers` is code defined before
    the runs; `baseline` and `candidate` are expressions over `plan()` (the query on the inputs),
    each run once, a raised exception caught; `adjust` is code that turns `expected` into what the
    candidate must return (it may exit 1 itself); `compare` is code over `expected` and `got` that
    raises AssertionError while they differ;
  - `{"kind": "code", "body": ...}` (optionally with `env` and `imports`): a complete standalone
    body, written verbatim after the query and the input literals (`inputs`), that keeps the exit
    code contract itself (a property's own relation between queries, say).
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import io
import math
import re
import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import polars as pl
from polars.exceptions import PanicException
from polars.testing import assert_frame_equal

from reports.fingerprint import signature
from reports.outcomes import is_failure
from reports.records import decode_frames, input_size, replayable

BASELINE_VARIANT = "all-on"

_PREAMBLE = """\
import base64
import datetime
import io
import zoneinfo
from decimal import Decimal
from math import inf, nan

import polars as pl
from polars.exceptions import PanicException
from polars.testing import assert_frame_equal

c = pl.col
"""

# Installed before Polars is imported: anything raised outside the compared runs means "cannot run".
_CANNOT_RUN = """\
import sys


def _cannot_run(kind, exc, tb):
    import os
    import traceback

    traceback.print_exception(kind, exc, tb)
    print(f"cannot run this reproducer here: {kind.__name__}: {exc}", flush=True)
    sys.stderr.flush()
    os._exit(2)


sys.excepthook = _cannot_run
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


_DIFFERENTIAL = """\
def attempt(run):
    try:
        return run(), None
    except BaseException as exc:  # a panic is a BaseException
        return None, exc


def missing_api(exc):  # this Polars lacks what the script calls: it cannot run here
    if isinstance(exc, (AttributeError, ImportError, NameError)):
        return True
    return isinstance(exc, TypeError) and "keyword argument" in str(exc)


def plan():
    return query(*(f.lazy() for f in inputs))


expected, expected_error = attempt(lambda: __BASELINE__)
got, got_error = attempt(lambda: __CANDIDATE__)
print("baseline: in-memory, all passes on; candidate: __LABEL__")
if expected_error or got_error:
    print(f"baseline: {expected_error!r}\\ncandidate: {got_error!r}")
    if any(missing_api(e) for e in (expected_error, got_error)):
        print("cannot run this reproducer on this Polars")
        sys.exit(2)
    if any(isinstance(e, PanicException) for e in (expected_error, got_error)):
        sys.exit(1)
    if type(expected_error) is not type(got_error):
        sys.exit(1)
    print("both raise the same error class: they agree, the discrepancy is fixed")
    sys.exit(0)
__ADJUST__try:
__COMPARE__except AssertionError as exc:
    print(f"{exc}\\nexpected:\\n{expected}\\ngot:\\n{got}")
    sys.exit(1)
print("results agree: the discrepancy is fixed")
"""


def _docstring(record: Mapping[str, Any]) -> str:
    op, lane, variant = record["operation"], record["lane"], record["variant"]
    if record["reproduce"]["script"]["kind"] == "differential":
        title = f"{op}: {lane} with {variant} gives {record['outcome']} against in-memory all-on"
    else:
        title = f"{op} on {lane} ({variant}): {record['outcome']}"
    finding = signature(record["outcome"], record.get("detail", ""))
    text = (
        f"{title}\n\nFinding: {finding}\nRecorded on Polars {record.get('polars_version', '?')}. "
        "Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run here.\n"
    )
    return '"""' + text.replace("\\", "/").replace('"""', "'''") + '"""\n'


def reproducer_source(record: Mapping[str, Any]) -> str:
    """The text of a standalone reproducer for one failing record (see the module docstring)."""
    reproduce = record["reproduce"]
    script = reproduce["script"]
    env = script.get("env") or {}
    head = _docstring(record)
    if env:
        head += (
            "import os\n\n# read once at start-up by the engine: set before polars is imported\n"
        )
        head += "".join(f"os.environ[{k!r}] = {v!r}\n" for k, v in env.items())
    imports = "".join(f"import {name}\n" for name in script.get("imports", []))
    inputs = ",\n".join(
        textwrap.indent(frame_code(f), "    ") for f in decode_frames(reproduce["inputs"])
    )
    parts = [
        head,
        _CANNOT_RUN,
        imports + _PREAMBLE,
        _CHUNKED,
        reproduce.get("query", ""),
        f"inputs = [\n{inputs},\n]" if inputs else "inputs = []",
    ]
    if script["kind"] == "code":
        parts.append(script["body"])
    else:
        if script["helpers"]:
            parts.append(script["helpers"])
        label = f"{record['lane']}, {record['variant']}"
        parts.append(
            _DIFFERENTIAL.replace("__BASELINE__", script["baseline"])
            .replace("__CANDIDATE__", script["candidate"])
            .replace("__LABEL__", label.replace('"', "'"))
            .replace("__ADJUST__", script["adjust"])
            .replace("__COMPARE__", textwrap.indent(script["compare"], "    "))
        )
    return "\n\n\n".join(p.strip("\n") for p in parts if p.strip()) + "\n"


def write_reproducer(path: Path, record: Mapping[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(reproducer_source(record), encoding="utf-8")
    return path


# --- which records get a reproducer, and under which file name -------------------------------

ReproKey = tuple[str, str, str, str]  # operation, lane, variant, signature


class Reproducer(NamedTuple):
    path: Path
    record: dict[str, Any]  # the record of its key with the smallest input


def reproducer_key(record: Mapping[str, Any]) -> ReproKey:
    sig = signature(record["outcome"], record.get("detail", ""))
    return record["operation"], record["lane"], record["variant"], sig


def _writable(record: Mapping[str, Any]) -> bool:
    script = record.get("reproduce", {}).get("script")
    return (
        is_failure(record["outcome"])
        and not record.get("known_issue")
        and script is not None
        and replayable(record)
        and (script["kind"] == "code" or "query" in record["reproduce"])
    )


def _file_stem(operation: str, lane: str, variant: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", f"{operation}--{lane}--{variant.lstrip('-')}")


def plan_reproducers(
    records: Iterable[Mapping[str, Any]], directory: Path
) -> dict[ReproKey, Reproducer]:
    """One reproducer per distinct failure (operation, lane, variant, signature) with a replayable
    input, from its smallest input: a pure function of the records, so every report can link to
    the files before (or without) writing them.

    Where a lane fails with every pass on, the engine itself differs: the all-on reproducer stands
    for that failure's other variants. Two signatures of one (operation, lane, variant) get two
    files, the more frequent one the plain name.
    """
    chosen: dict[ReproKey, Mapping[str, Any]] = {}
    counts: Counter[ReproKey] = Counter()
    for record in records:
        if not _writable(record):
            continue
        key = reproducer_key(record)
        counts[key] += 1
        if key not in chosen or input_size(record) < input_size(chosen[key]):
            chosen[key] = record
    keys = [
        k
        for k in chosen
        if k[2] == BASELINE_VARIANT or (k[0], k[1], BASELINE_VARIANT, k[3]) not in chosen
    ]
    by_stem: defaultdict[str, list[ReproKey]] = defaultdict(list)
    for key in sorted(keys, key=lambda k: (-counts[k], k)):
        by_stem[_file_stem(*key[:3])].append(key)
    plan: dict[ReproKey, Reproducer] = {}
    for stem, stem_keys in by_stem.items():
        for i, key in enumerate(stem_keys):
            name = f"{stem}.py" if i == 0 else f"{stem}--{i + 1}.py"
            plan[key] = Reproducer(directory / name, dict(chosen[key]))
    return plan


def reproducer_for(record: Mapping[str, Any], plan: Mapping[ReproKey, Reproducer]) -> Path | None:
    """The reproducer that shows `record`'s failure (its own, or its lane's all-on one)."""
    key = reproducer_key(record)
    found = plan.get(key) or plan.get((key[0], key[1], BASELINE_VARIANT, key[3]))
    return found.path if found else None


def write_reproducers(plan: Mapping[ReproKey, Reproducer], directory: Path) -> None:
    """Write the planned reproducers, replacing those of an earlier run."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.py"):
        old.unlink()
    for path, record in plan.values():
        write_reproducer(path, record)
