"""What makes two failures "the same finding": the outcome and the shape of its detail.

Values (numbers, quoted names, hex addresses) are masked, so the same bug met on other data, in
another column or at another row count has one signature; a different error class, message or
kind of difference has another. The Hypothesis driver uses it to keep exploring after a first
failure and shrink each distinct one; the reports group cells by it.
"""

from __future__ import annotations

import re

_MASKS = (
    (re.compile(r"0x[0-9a-fA-F]+"), "0x#"),
    (re.compile(r"'[^'\n]*'|\"[^\"\n]*\""), "'…'"),
    (re.compile(r"(?<![A-Za-z_])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?"), "#"),
    (re.compile(r"\s+"), " "),
)
# assert_frame_equal's headline names the kind of difference; the lines below it hold values
_FRAME_HEADLINE = re.compile(r"DataFrames are different \(([^)]*)\)")
_MAX_LENGTH = 200


def mask(text: str) -> str:
    """`text` with the values that vary between examples replaced by placeholders."""
    for pattern, placeholder in _MASKS:
        text = pattern.sub(placeholder, text)
    return text.strip()[:_MAX_LENGTH]


def signature(outcome: str, detail: str) -> str:
    """One line naming a failure's kind: outcome, then the error or the kind of difference."""
    if found := _FRAME_HEADLINE.search(detail):
        return f"{outcome}: {mask(found.group(1))}"
    first = next((line for line in detail.splitlines() if line.strip()), "")
    return f"{outcome}: {mask(first)}" if first else outcome
