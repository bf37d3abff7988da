"""A cell's answer in a form two Polars releases can compare: schema, height and a value digest.

The upgrade replay records one answer per cell on each release; the upgrade report compares them,
and its reproducers embed these functions verbatim (so there is no `from __future__` import here
and the annotations name only builtins) to compute the same answer on whatever Polars runs them.
A frame's values are digested from the Python values of its rows, under the comparison's own
equality (-0.0 is 0.0, every NaN is alike), sorted where the operation leaves row order undefined;
temporal columns, and values Python cannot hold, are digested from their physical
representation. An operation that declares a tolerance (its arithmetic is inexact) also keeps its
rows' values, up to `VALUE_ROWS` rows, so that two releases' answers whose digests differ compare
within that tolerance, as the suite compares a cell with its baseline; a larger frame is compared
by its digest alone.
"""

import hashlib
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

# How answers are built: two results files compare only under the same format (a digest made
# another way is no value change). 2: columns one by one, temporal ones physical; tolerance values.
ANSWER_FORMAT = 2
PREVIEW_ROWS = 8
PREVIEW_CHARS = 1500
VALUE_ROWS = 5000
# A Float32 result is no closer than its own last bit (1.2e-7 relative): within a tolerance, two
# releases' Float32 values may differ by two units in the last place whatever the tolerance says.
FLOAT32_REL = 2.4e-7


def canonical_value(value: object) -> object:
    """A value under the suite's equality: -0.0 is 0.0 and every NaN is alike."""
    if isinstance(value, float):
        return "nan" if value != value else value + 0.0
    if isinstance(value, list | tuple):
        return [canonical_value(v) for v in value]
    if isinstance(value, dict):
        return {k: canonical_value(v) for k, v in value.items()}
    return value


def column_values(series: "pl.Series") -> list:
    """A column's values under the suite's equality, built column by column: a temporal column as
    its physical integers (the same instants on every release; Python datetimes in a time zone
    are slow to build), float values canonical (-0.0 is 0.0, every NaN alike)."""
    if series.dtype.is_temporal():
        return series.to_physical().to_list()
    values = series.to_list()
    if "Float" in str(series.dtype):
        return [canonical_value(v) for v in values]
    return values


def plain_value(value: object) -> object:
    """A value as JSON holds it, for a comparison within a tolerance: floats stay floats (NaN and
    the infinities as text), nested values stay nested, anything else is its repr."""
    if isinstance(value, float):
        return value + 0.0 if math.isfinite(value) else repr(value)
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    if isinstance(value, dict):
        return {k: plain_value(v) for k, v in value.items()}
    return value if value is None or isinstance(value, bool | int | str) else repr(value)


def rounded(value: object) -> object:
    """A plain value with its floats at 6 significant digits: a sort key for rows that may differ
    within a tolerance."""
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, list):
        return [rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    return value


def close(a: object, b: object, tolerance: list) -> bool:
    """Whether two plain values are equal, floats within `tolerance` ([rel, abs])."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=tolerance[0], abs_tol=tolerance[1])
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close(x, y, tolerance) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(close(a[k], b[k], tolerance) for k in a)
    return a == b


def close_rows(old: list, new: list, tolerance: list, float32: list) -> bool:
    """Whether two answers' rows are equal, floats within `tolerance` ([rel, abs]); the columns
    at the indices in `float32` (Float32 at any depth) within at least `FLOAT32_REL`."""
    loose = [max(tolerance[0], FLOAT32_REL), tolerance[1]]
    return len(old) == len(new) and all(
        len(a) == len(b)
        and all(
            close(x, y, loose if i in float32 else tolerance)
            for i, (x, y) in enumerate(zip(a, b, strict=True))
        )
        for a, b in zip(old, new, strict=True)
    )


def preview_text(frame: "pl.DataFrame") -> str:
    """The first rows as Polars prints them, or their physical values where printing panics (an
    out-of-range datetime)."""
    head = frame.head(PREVIEW_ROWS)
    try:
        return str(head)
    except BaseException:  # a PanicException
        return str(type(head)([s.to_physical() for s in head.get_columns()]))


def frame_answer(
    frame: "pl.DataFrame", ordered: bool, partial: bool = False, tolerance: list | None = None
) -> dict:
    """A returned frame's schema, height, value digest and a short preview; `partial` where the
    frame is the first rows of a result (an early stop), which any rows may be; with the
    operation's `tolerance` ([rel, abs]), its values too."""
    try:
        columns = [column_values(s) for s in frame.get_columns()]
    except BaseException:  # a value Python cannot hold (a huge Duration) panics converting
        columns = [s.to_physical().to_list() for s in frame.get_columns()]
    rows = [repr(row) for row in zip(*columns, strict=True)] if columns else [""] * frame.height
    if not ordered:
        rows.sort()
    digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]
    approximate = {}
    if tolerance is not None and frame.height <= VALUE_ROWS:
        try:
            values = [plain_value(row) for row in frame.iter_rows()]
        except BaseException:  # a value Python cannot hold: the digest alone decides
            values = None
        if values is not None:
            if not ordered:
                # rows tied at 6 digits are ordered by their exact values, never by input order
                values.sort(key=lambda row: (repr(rounded(row)), repr(row)))
            float32 = [i for i, dtype in enumerate(frame.dtypes) if "Float32" in str(dtype)]
            approximate = {"tolerance": list(tolerance), "values": values, "float32": float32}
    return {
        "kind": "frame",
        "schema": [[name, str(dtype)] for name, dtype in frame.schema.items()],
        "height": frame.height,
        "digest": digest,
        "preview": preview_text(frame)[:PREVIEW_CHARS],
        **({"partial": True} if partial else {}),
        **approximate,
    }


def error_answer(type_name: str, message: str) -> dict:
    """A raised error: its class decides, its first line is shown."""
    return {"kind": "error", "error": type_name, "message": message.strip()[:300]}


def describe(answer: dict) -> str:
    """One line for people: what the cell gave."""
    if answer["kind"] == "frame":
        schema = ", ".join(f"{name}: {dtype}" for name, dtype in answer["schema"])
        first = "first " if answer.get("partial") else ""
        return f"{first}{answer['height']} rows {{{schema}}} digest {answer['digest']}"
    if answer["kind"] == "error":
        return f"raised {answer['error']}: {answer['message']}"
    return f"{answer['kind']}: {answer.get('message', '')}".rstrip(": ")


def change_kind(old: dict, new: dict) -> str | None:
    """How two answers of one cell differ: `result-error`, `error`, `schema`, `value` or None."""
    if old.get("partial") or new.get("partial"):
        # an early stop's first rows are any rows, and may come before an error: only the schema
        # of two such frames is an answer
        both = old["kind"] == new["kind"] == "frame"
        return "schema" if both and old["schema"] != new["schema"] else None
    if old["kind"] != new["kind"]:
        return "result-error" if "frame" in (old["kind"], new["kind"]) else None
    if old["kind"] == "error":
        return "error" if old["error"] != new["error"] else None
    if old["kind"] != "frame":
        return None
    if old["schema"] != new["schema"]:
        return "schema"
    if old["height"] != new["height"]:
        return "value"
    if old["digest"] != new["digest"]:
        # an inexact operation's values may differ within its declared tolerance
        within = "values" in old and "values" in new and old.get("tolerance")
        float32 = old.get("float32", [])
        if not (within and close_rows(old["values"], new["values"], old["tolerance"], float32)):
            return "value"
    return None
