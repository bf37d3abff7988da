"""Input shapes several topic modules share (column specs per input frame)."""

from __future__ import annotations

from strategies import dtypes as D
from strategies.frames import Col

KEYED = {"k": Col(D.keys, key=True), "v": Col(D.numeric), "x": Col()}
JOIN_LEFT = {"k": Col(D.keys, key=True), "a": Col()}
JOIN_RIGHT = {"k": Col(D.keys, key=True), "b": Col()}
NUMERIC_PAIR = {"a": Col(D.numeric), "b": Col(D.numeric)}
SAME_SCHEMA = ({"a": Col(D.numeric), "x": Col()}, {"a": Col(D.numeric), "x": Col()})
