"""What makes two failures "the same finding": the outcome and the shape of its detail.

Values (numbers, quoted names, hex addresses, and the Polars dtypes an error names) are masked, so
the same bug met on other data, in another column, at another row count or with another input
dtype has one signature; a different error class, message or
kind of difference has another. The Hypothesis driver uses it to keep exploring after a first
failure and shrink each distinct one; the reports group cells by it.
"""

from __future__ import annotations

import re

_HEX = re.compile(r"0x[0-9a-fA-F]+")
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
_NUMBER = re.compile(r"(?<![A-Za-z_\d])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?")
_SPACE = re.compile(r"\s+")
# a dtype as Polars' messages print it; nested ones are collapsed innermost first
_DTYPE = re.compile(
    r"\b(U?Int(8|16|32|64|128)|Float(16|32|64)|String|Utf8|Binary|Boolean|Date|Time|Null|"
    r"Categorical|Object)\b"
)
_NESTED_DTYPE = re.compile(
    r"\b(List|Array|Struct|Datetime|Duration|Decimal|Enum|Categorical)\([^()]*\)"
)
# assert_frame_equal's headline names the kind of difference; the lines below it hold values
_FRAME_HEADLINE = re.compile(r"DataFrames are different \(([^)]*)\)")
_MAX_LENGTH = 200


def mask(text: str) -> str:
    """`text` with the values that vary between examples replaced by placeholders."""
    text = _QUOTED.sub("'…'", _HEX.sub("0x#", text))
    text = _DTYPE.sub("<dtype>", text)
    while (collapsed := _NESTED_DTYPE.sub("<dtype>", text)) != text:
        text = collapsed
    text = _SPACE.sub(" ", _NUMBER.sub("#", text))
    return text.strip()[:_MAX_LENGTH]


def signature(outcome: str, detail: str) -> str:
    """One line naming a failure's kind: outcome, then the error or the kind of difference."""
    if found := _FRAME_HEADLINE.search(detail):
        return f"{outcome}: {mask(found.group(1))}"
    first = next((line for line in detail.splitlines() if line.strip()), "")
    return f"{outcome}: {mask(first)}" if first else outcome
