"""The installed Polars version, parsed once, for feature gates that cannot be discovered by introspection."""

from __future__ import annotations

import re

import polars as pl

POLARS_VERSION_STRING: str = pl.__version__


def parse_version(text: str) -> tuple[int, ...]:
    """`"1.44.2"` -> `(1, 44, 2)`; pre-release suffixes are ignored."""
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


POLARS_VERSION: tuple[int, ...] = parse_version(POLARS_VERSION_STRING)


def at_least(*version: int) -> bool:
    return version <= POLARS_VERSION
