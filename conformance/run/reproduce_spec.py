"""What a failing record carries so that a standalone reproducer can be written from it alone.

Reports are rendered from `results.json` without importing `conformance`, so everything a
reproducer needs from the lanes, the variants and the comparison rules is put into the record here,
as plain JSON: code strings and names. The format is described in `reports.reproducer`.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from functools import cache
from typing import Any

import polars as pl

from conformance.engines.lanes import BASELINE_LANE, Lane
from conformance.engines.output_modes import adjustment_code
from conformance.engines.passes import BASELINE, Variant
from conformance.engines.sources import Source
from conformance.judge import compare, semantics
from conformance.judge.compare import Rules
from conformance.judge.duck import (
    Sql,
    duckdb_casts,
    run_duckdb,
    to_polars_schema,
    used_columns,
)
from conformance.judge.reference import Twins
from conformance.judge.serde import (
    BYTES,
    RESULT,
    byte_difference,
    changed_bytes,
    column_flags,
    deserialize_plan,
    first_difference,
    flags_masked,
    flags_only,
    flags_pattern,
    inspect_quietly,
    json_flags_pattern,
    plan_round_trip,
    refusal,
    serialize_plan,
)
from conformance.source import query_source
from reports.records import encode_frames
from reports.reproducer import dtype_code

_ROW_SORTING = (compare._canonical, compare.row_key, compare._sort_rows, compare._sort_pair)


def script_spec(lane: Lane, variant: Variant, rules: Rules) -> dict[str, Any]:
    """The `differential` script spec: run `plan()` on the baseline and on `lane` with `variant`.

    Mirrors the harness: the baseline is the in-memory engine with every pass on; an output-mode
    lane runs its mode's function (embedded verbatim) and adjusts the baseline as its comparison
    does; a source lane's candidate reads its inputs back through the source's function (embedded
    verbatim); order-free rules sort both frames' rows with the suite's own helpers. A
    nondeterministic lane's candidate runs up to `repeat` times.
    """
    helpers = [] if rules.ordered else [inspect.getsource(fn) for fn in _ROW_SORTING]
    mode = lane.output_mode
    if mode is None:
        kwargs = ", ".join(filter(None, [f"engine={lane.engine_code}", variant.code()]))
        candidate, adjust = f"{'source_plan' if lane.source else 'plan'}().collect({kwargs})", ""
        if lane.source is not None:
            helpers.append(_source_plan(lane.source))
    else:
        helpers.append(query_source(mode.function).removeprefix("query = "))
        candidate, adjust = (
            f"{mode.function.__code__.co_name}(plan())",
            adjustment_code(mode, rules),
        )
    options = ", ".join(f"{k}={v!r}" for k, v in rules.assert_options().items())
    sort = "" if rules.ordered else "expected, got = _sort_pair(expected, got)\n"
    if rules.tolerance is not None:  # the tolerance covers temporal results too, as the suite's
        helpers.append(inspect.getsource(compare._temporal_numbers))
        sort = (
            "if expected.schema == got.schema:\n"
            "    expected, got = _temporal_numbers(expected), _temporal_numbers(got)\n"
        ) + sort
    return {
        "kind": "differential",
        "env": dict(lane.env),
        "imports": [] if rules.ordered else ["math"],
        "helpers": "\n\n".join(helpers),
        "baseline": 'plan().collect(engine="in-memory")',
        "candidate": candidate,
        "adjust": adjust,
        "compare": f"{sort}assert_frame_equal(expected, got, {options})\n",
        "repeat": lane.repeat,
    }


def _source_plan(source: Source) -> str:
    """`source_plan()`: the query on its inputs written by `source` and scanned back."""
    call = source.call_code("inputs", "tempfile.mkdtemp(dir=_files.name)")
    return (
        "import os\nimport tempfile\nfrom collections.abc import Sequence\n\n\n"
        f"{source.code()}\n\n"
        "_files = tempfile.TemporaryDirectory()  # removed when the script ends\n\n\n"
        f"def source_plan():\n    return query(*{call})\n"
    )


def eager_script(twins: Twins, rules: Rules) -> dict[str, Any]:
    """The `differential` spec of an eager twin: its call on the input DataFrames is the candidate.

    A derived twin is the query's own code (`query(*inputs)`); another spelling is embedded as
    `eager`.
    """
    assert twins.eager is not None
    spec = script_spec(BASELINE_LANE, BASELINE, rules)
    if twins.derived:
        return {**spec, "candidate": "query(*inputs)"}
    source = query_source(twins.eager)
    head, found, tail = source.rpartition("query = (\n")
    code = f"{head}eager = (\n{tail}" if found else source
    name = "eager" if found else twins.eager.__name__
    helpers = "\n\n".join(filter(None, [spec["helpers"], code]))
    return {**spec, "helpers": helpers, "candidate": f"{name}(*inputs)"}


_SCHEMA_BODY = """\
def plan():
    return query(*(f.lazy() for f in inputs))


planned = plan().collect_schema()
got = plan().collect(__KWARGS__).schema
print(f"planned (collect_schema()): {planned}\\nresult: {got}")
if __DIFFERS__:
    print("the result's schema is not the planned one")
    sys.exit(1)
print("the result's schema is the planned one: the discrepancy is fixed")
"""


def schema_script(lane: Lane, variant: Variant, rules: Rules) -> dict[str, Any]:
    """A `code` spec: the lane's result schema against `collect_schema()` of the same plan."""
    kwargs = ", ".join(filter(None, [f"engine={lane.engine_code}", variant.code()]))
    differs = (
        "list(planned.items()) != list(got.items())"
        if rules.check_column_order
        else "dict(planned) != dict(got)"
    )
    body = _SCHEMA_BODY.replace("__KWARGS__", kwargs).replace("__DIFFERS__", differs)
    return {"kind": "code", "env": dict(lane.env), "body": body}


_DUCKDB_BODY = """\
SQL = __SQL__
SETTINGS = __SETTINGS__


def plan():
    return query(*(f.lazy() for f in inputs))


def tables():  # with the input casts of conformance/judge/semantics.py
    return __TABLES__


def attempt(run):
    try:
        return run(), None
    except BaseException as exc:  # a panic is a BaseException
        return None, exc


expected, expected_error = attempt(lambda: plan().collect(engine="in-memory"))
got, got_error = attempt(lambda: run_duckdb(SQL, tables(), SETTINGS))
print("baseline: Polars in-memory, all passes on; reference: DuckDB, on the same input")
if expected_error or got_error:
    print(f"Polars: {expected_error!r}\\nDuckDB: {got_error!r}")
    if isinstance(expected_error, (AttributeError, ImportError, NameError)):
        print("cannot run this reproducer on this Polars")
        sys.exit(2)
    if expected_error is not None and got_error is not None:
        print("both reject the query: they agree, the discrepancy is fixed")
        sys.exit(0)
    sys.exit(1)
try:
    got = to_polars_schema(got, expected)  # Polars is the authority on types
__COMPARE__except (AssertionError, pl.exceptions.PolarsError) as exc:
    print(f"{exc}\\nPolars:\\n{expected}\\nDuckDB:\\n{got}")
    sys.exit(1)
print("Polars and DuckDB agree: the discrepancy is fixed")
"""


def duckdb_script(sql: Sql, frames: Sequence[pl.DataFrame], rules: Rules) -> dict[str, Any]:
    """A `code` spec: the baseline against DuckDB's answer to the SQL twin, as the harness runs
    it (the semantics table's settings and input casts, the result cast to Polars' dtypes)."""
    helpers = [] if rules.ordered else [inspect.getsource(fn) for fn in _ROW_SORTING]
    helpers += [inspect.getsource(run_duckdb), inspect.getsource(to_polars_schema)]
    tables = ", ".join(
        f"{name!r}: inputs[{i}]"
        + (
            ".cast({" + ", ".join(f"{c!r}: {dtype_code(d)}" for c, d in cast.items()) + "})"
            if cast
            else ""
        )
        for i, (name, cast) in enumerate(
            zip(sql.tables, duckdb_casts(used_columns(sql, frames)), strict=True)
        )
    )
    options = ", ".join(f"{k}={v!r}" for k, v in rules.assert_options().items())
    sort = "" if rules.ordered else "expected, got = _sort_pair(expected, got)\n"
    compare_code = f"{sort}assert_frame_equal(expected, got, {options})\n"
    body = (
        _DUCKDB_BODY.replace("__SQL__", repr(sql.text))
        .replace("__SETTINGS__", repr(semantics.settings()))
        .replace("__TABLES__", "{" + tables + "}")
        .replace("__COMPARE__", "".join(f"    {line}\n" for line in compare_code.splitlines()))
    )
    return {
        "kind": "code",
        "imports": ["duckdb"] if rules.ordered else ["duckdb", "math"],
        "body": "\n\n".join([*helpers, body]),
    }


_SERDE_BODY = """\
FORMAT = __FORMAT__
ASPECT = __ASPECT__  # what broke: serialize, deserialize, __RESULT__ or __BYTES__


def plan():
    return query(*(f.lazy() for f in inputs))


def attempt(run):
    try:
        return run(), None
    except BaseException as exc:  # a panic is a BaseException
        return None, exc


def step(run, what, aspect, first=False):
    \"\"\"`run()`, else the script ends: a broken round trip, or the documented refusal.\"\"\"
    value, error = attempt(run)
    if error is None:
        return value
    if isinstance(error, TypeError) and "format" in str(error):
        print(f"{what}: {error!r}\\ncannot run this reproducer on this Polars")
        sys.exit(2)
    if first and (why := refusal(error)):
        print(f"Polars declines to serialize the plan, as it documents: {why}")
        sys.exit(0)
    print(f"{what} raised {error!r}: the round trip is broken")
    sys.exit(1)


# Serializes the plan and deserializes those bytes, made here (a Python UDF's are unpickled).
back, changed = plan_round_trip(plan, FORMAT, step, recheck=__RECHECK__)
print(f"serialize(format={FORMAT!r}) then LazyFrame.deserialize: the round trip runs")
if ASPECT == __BYTES__:
    if changed:
        print(changed_bytes(changed))
        sys.exit(1)
    print("the bytes are stable: the discrepancy is fixed")
    sys.exit(0)
if ASPECT != __RESULT__:
    print("the discrepancy is fixed")
    sys.exit(0)
expected, expected_error = attempt(lambda: plan().collect(engine="in-memory"))
got, got_error = attempt(lambda: back.collect(engine="in-memory"))
print("baseline: in-memory, all passes on; candidate: the deserialized plan, in-memory")
if expected_error or got_error:
    print(f"baseline: {expected_error!r}\\ndeserialized plan: {got_error!r}")
    if any(isinstance(e, PanicException) for e in (expected_error, got_error)):
        sys.exit(1)
    if type(expected_error) is not type(got_error):
        sys.exit(1)
    print("both raise the same error class: they agree, the discrepancy is fixed")
    sys.exit(0)
try:
__COMPARE__except AssertionError as exc:
    print(f"{exc}\\nexpected:\\n{expected}\\ngot:\\n{got}")
    sys.exit(1)
print("the deserialized plan gives the baseline's result: the discrepancy is fixed")
"""


@cache
def _serde_helpers() -> str:
    """The serialization oracle's functions, as a serde script embeds them (read once: every
    failing serde cell of a run embeds the same)."""
    return "\n\n".join(
        inspect.getsource(fn)
        for fn in (
            serialize_plan,
            deserialize_plan,
            refusal,
            flags_pattern,
            json_flags_pattern,
            column_flags,
            flags_only,
            flags_masked,
            first_difference,
            byte_difference,
            inspect_quietly,
            plan_round_trip,
            changed_bytes,
        )
    )


def serde_script(fmt: str, aspect: str, rules: Rules, recheck: bool = True) -> dict[str, Any]:
    """A `code` spec of a serialization twin's cell: the plan's round trip in `fmt`, step by step
    as `conformance.judge.serde` runs it (its functions embedded verbatim, with the cell's
    `recheck`), judging `aspect`: a serialize or deserialize that raises, the bytes, or the
    deserialized plan's result."""
    helpers = (
        [] if rules.ordered or aspect != RESULT else [inspect.getsource(fn) for fn in _ROW_SORTING]
    )
    # the embedded functions' annotations are evaluated when the script defines them
    helpers.append("from collections.abc import Callable, Sequence\nfrom typing import Any")
    helpers.append(_serde_helpers())
    options = ", ".join(f"{k}={v!r}" for k, v in rules.assert_options().items())
    sort = "" if rules.ordered else "expected, got = _sort_pair(expected, got)\n"
    compare_code = f"{sort}assert_frame_equal(expected, got, {options})\n"
    body = (
        _SERDE_BODY.replace("__FORMAT__", repr(fmt))
        .replace("__RECHECK__", repr(recheck))
        .replace("__ASPECT__", repr(aspect))
        .replace("__BYTES__", repr(BYTES))
        .replace("__RESULT__", repr(RESULT))
        .replace("__COMPARE__", "".join(f"    {line}\n" for line in compare_code.splitlines()))
    )
    imports = ["contextlib", "re", "warnings"]
    if not rules.ordered and aspect == RESULT:
        imports.append("math")
    return {"kind": "code", "imports": imports, "body": "\n\n".join([*helpers, body])}


def reproduce_fields(
    query: str, frames: Sequence[pl.DataFrame], lane: Lane, variant: Variant, rules: Rules
) -> dict[str, Any]:
    """A failing record's `reproduce` entries: the query's code, its input, the script spec."""
    return {
        "query": query,
        "inputs": encode_frames(frames),
        "script": script_spec(lane, variant, rules),
    }
