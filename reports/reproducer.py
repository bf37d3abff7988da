"""Standalone reproducers: one `.py` per distinct discrepancy, written from its record alone.

`python file.py` exits 1 while the discrepancy exists, 0 once it is fixed, and 2 when it cannot run
here (an import fails, an API it calls is missing, an unexpected exception outside the compared
runs). Input frames are written as literals (checked to round-trip; Arrow IPC bytes are the fallback
for values that do not), with their chunk layout; a generated frame (up to a million rows) as the
call of the builder code it was recorded with. Nothing here imports `conformance` or runs recorded
code: a failing record carries everything, in `record["reproduce"]`:

- `query`: source that defines `query`, a function from the input LazyFrames to a LazyFrame;
- `inputs`: the input frames as `reports.records.encode_frames` wrote them;
- `script`: how to judge the result, one of
  - `{"kind": "differential", "env", "imports", "helpers", "baseline", "candidate", "adjust",
    "compare", "repeat"}` (written by `conformance.run.reproduce_spec.script_spec`): `env` (name ->
    value) is what the candidate's engine reads at start-up: the candidate then runs in a child
    process started with it, the baseline in the script's own process without it; `imports` are
    extra module names; `helpers` is code defined before the runs; `baseline` and `candidate` are
    expressions over `plan()` (the query on the inputs) or the helpers, each run once (the
    candidate up to `repeat` times, for a nondeterministic lane), a raised exception caught;
    `adjust` is code that turns `expected` into what the candidate must return (it may exit 1
    itself); `compare` is code over `expected` and `got` that raises AssertionError while they
    differ;
  - `{"kind": "code", "body": ...}` (optionally with `env` and `imports`): a complete standalone
    body, written verbatim after the query and the input literals (`inputs`), that keeps the exit
    code contract itself (a property's own relation between queries, say).
    Its `env` is set before Polars is imported: every query of the body runs under it.
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
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import polars as pl
from polars.exceptions import PanicException
from polars.testing import assert_frame_equal

from reports.fingerprint import signature
from reports.hidden import hidden_signature
from reports.outcomes import is_failure
from reports.records import decode_bases, input_size

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
    """Source that rebuilds `frame` exactly: literals when they round-trip (values hidden under
    null rows too, `reports.hidden`), else IPC bytes."""
    namespace: dict[str, object] = {}
    exec(_PREAMBLE, namespace)
    try:
        code = _literal_code(frame)  # values Python cannot hold (a huge Duration) panic here
        literal = eval(code, namespace)
        assert_frame_equal(literal, frame, check_exact=True)
        # what assert_frame_equal cannot see
        faithful = all(
            hidden_signature(literal[n]) == hidden_signature(frame[n]) for n in frame.columns
        )
    except (Exception, PanicException):  # some releases panic comparing e.g. categoricals
        faithful = False
    if not faithful:
        code = _ipc_code(frame)
    layout = {s.name: s.chunk_lengths() for s in frame.get_columns() if len(s.chunk_lengths()) > 1}
    return f"chunked({code}, {layout!r})" if layout else code


def tiled_code(base: pl.DataFrame, copies: int) -> str:
    """Source that rebuilds a tiled frame (`reports.records.tile`): its base's code repeated (the
    base's own code, where it is one copy)."""
    code = frame_code(base)
    return code if copies == 1 else f"pl.concat([{code}] * {copies}, rechunk=False)"


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


__CANDIDATE_FUNCTION__


def differs(expected, expected_error, got, got_error):
    \"\"\"None where the candidate agrees with the baseline, else the exit code.\"\"\"
    if expected_error or got_error:
        print(f"baseline: {expected_error!r}\\ncandidate: {got_error!r}")
        if any(missing_api(e) for e in (expected_error, got_error)):
            print("cannot run this reproducer on this Polars")
            return 2
        if any(isinstance(e, PanicException) for e in (expected_error, got_error)):
            return 1
        if type(expected_error) is not type(got_error):
            return 1
        print("both raise the same error class: they agree")
        return None
__ADJUST__    try:
__COMPARE__    except AssertionError as exc:
        print(f"{exc}\\nexpected:\\n{expected}\\ngot:\\n{got}")
        return 1
    return None


expected, expected_error = attempt(lambda: __BASELINE__)
print("baseline: in-memory, all passes on; candidate: __LABEL__")
for run in range(1, RUNS + 1):
    code = differs(expected, expected_error, *candidate())
    if code is not None:
        if RUNS > 1:
            print(f"the candidate differed on run {run} of {RUNS}")
        sys.exit(code)
print(f"results agree{f' on all {RUNS} runs' if RUNS > 1 else ''}: the discrepancy is fixed")
"""

# outcomes whose candidate ran past its limit or killed its process: it runs in a child process
DIED = ("timeout", "crash")
DEFAULT_LIMIT_S = 60  # a script that names no limit: a crash found before limits were recorded
# the candidate's process imports Polars and builds the inputs (a scale frame: seconds) first
START_MARGIN_S = 10

_CANDIDATE_HERE = """\
def candidate():
    return attempt(lambda: __CANDIDATE__)
"""

# Where the candidate's lane sets process-level knobs, the candidate runs in a child process
# started with them (the engine reads them once, at start-up), while the baseline runs here
# without them: a knob such as the thread count would change the baseline too.
_CANDIDATE_PROCESS = """\
def candidate():
    \"\"\"The candidate in a child process (this script again) that starts with CANDIDATE_ENV.\"\"\"
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "candidate")
        env = {**os.environ, **CANDIDATE_ENV, _CHILD_OUTPUT: out}
        try:
            child = subprocess.run(
                [sys.executable, os.path.abspath(__file__)], env=env, check=False, timeout=LIMIT_S
            )
        except subprocess.TimeoutExpired:
            return None, TimeoutError(f"the candidate gave no result within {LIMIT_S} s")
        if os.path.exists(out + ".ipc"):
            return pl.read_ipc(out + ".ipc"), None
        if os.path.exists(out + ".error"):
            name, _, message = open(out + ".error", encoding="utf-8").read().partition("\\n")
            kind = getattr(builtins, name, None) or getattr(pl.exceptions, name, None)
            try:
                return None, kind(message)
            except Exception:  # not an exception class this script can build: one of that name
                return None, type(name, (Exception,), {})(message)
    if child.returncode == 2:
        print("cannot run the candidate's process here")
        sys.exit(2)
    return None, RuntimeError(f"the candidate's process died (exit code {child.returncode})")


if os.environ.get(_CHILD_OUTPUT):  # this is the candidate's process: run it, hand the result back
    got, got_error = attempt(lambda: __CANDIDATE__)
    out = os.environ[_CHILD_OUTPUT]
    if got_error is None:
        got.rechunk().write_ipc(out + ".ipc")
    else:
        with open(out + ".error", "w", encoding="utf-8") as f:
            f.write(f"{type(got_error).__name__}\\n{got_error}")
    sys.exit(0)
"""


def _docstring(record: Mapping[str, Any], runs: int = 1) -> str:
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
    if runs > 1:
        text += (
            f"The lane is nondeterministic (its thread count): the candidate runs up to {runs} "
            "times, and the script exits 1 at the first run that differs.\n"
        )
    return '"""' + text.replace("\\", "/").replace('"""', "'''") + '"""\n'


def reproducer_source(record: Mapping[str, Any]) -> str:
    """The text of a standalone reproducer for one failing record (see the module docstring)."""
    reproduce = record["reproduce"]
    script = reproduce["script"]
    env = script.get("env") or {}
    differential = script["kind"] == "differential"
    runs = script.get("repeat", 1)
    head = _docstring(record, runs)
    # a cell that hung or killed the suite's process would do the same to the script's
    died = record["outcome"] in DIED
    if (env or died) and differential:
        head += (
            "import builtins\nimport os\n\n# read once at start-up by the candidate's engine: it "
            "runs in a child process started with them\n"
            f"CANDIDATE_ENV = {dict(env)!r}\n_CHILD_OUTPUT = 'POLARS_CONFORMANCE_CANDIDATE_OUTPUT'\n"
        )
        limit = script.get("limit_s", DEFAULT_LIMIT_S) + START_MARGIN_S if died else None
        if limit:
            head += "# the suite's limit, and time to start Polars and build the inputs\n"
        head += f"LIMIT_S = {limit}\n"
    elif env:
        head += (
            "import os\n\n# read once at start-up by the engine: set before polars is imported\n"
        )
        head += "".join(f"os.environ[{k!r}] = {v!r}\n" for k, v in env.items())
    imports = "".join(f"import {name}\n" for name in script.get("imports", []))
    builders, frames = _inputs_code(reproduce["inputs"])
    inputs = ",\n".join(textwrap.indent(code, "    ") for code in frames)
    parts = [
        head,
        _CANNOT_RUN,
        imports + _PREAMBLE,
        _CHUNKED,
        *builders,
        reproduce.get("query", ""),
        f"inputs = [\n{inputs},\n]" if inputs else "inputs = []",
    ]
    if not differential:
        parts.append(script["body"])
    else:
        if script["helpers"]:
            parts.append(script["helpers"])
        label = f"{record['lane']}, {record['variant']}"
        process = _CANDIDATE_PROCESS if env or died else _CANDIDATE_HERE
        parts.append(
            f"RUNS = {runs}\n\n\n"
            + _DIFFERENTIAL.replace("__CANDIDATE_FUNCTION__", process.strip("\n"))
            .replace("__BASELINE__", script["baseline"])
            .replace("__CANDIDATE__", script["candidate"])
            .replace("__LABEL__", label.replace('"', "'"))
            .replace("__ADJUST__", textwrap.indent(script["adjust"], "    "))
            .replace("__COMPARE__", textwrap.indent(script["compare"], "        "))
        )
    return "\n\n\n".join(p.strip("\n") for p in parts if p.strip()) + "\n"


def _inputs_code(encoded: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[str]]:
    """(the builders' code, once each; an expression per input frame): a generated frame is its
    builder's call, a tiled one its base's literal repeated, any other its literal or IPC bytes."""
    builders: dict[str, None] = {}
    frames = []
    for item in encoded:
        if "generated" in item:
            builders[item["generated"]["code"]] = None
            frames.append(item["generated"]["call"])
        else:
            (base,) = decode_bases([item])
            frames.append(tiled_code(base, item.get("copies", 1)))
    return list(builders), frames


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
        and rebuildable(record)
        and (script["kind"] == "code" or "query" in record["reproduce"])
    )


def rebuildable(record: Mapping[str, Any]) -> bool:
    """Whether a reproducer can rebuild the record's input: every frame as IPC, or generated."""
    inputs = record.get("reproduce", {}).get("inputs")
    return inputs is not None and all("ipc_base64" in i or "generated" in i for i in inputs)


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
