"""What a column holds under its null rows, read from its Arrow buffers.

A null list row may span values, a null array row holds its values, a null struct row holds its
fields' (the strategies draw nulls over values this way, as `polars.testing.parametric` does, and
some Polars bugs count them). No Polars API shows them, and a frame rebuilt from Python literals
has none, so `reports.reproducer` asks this module whether a literal would lose some: it reads
each chunk through the Arrow C stream interface (`__arrow_c_stream__`, a PyCapsule) with ctypes.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator

import polars as pl


class _Schema(ctypes.Structure):
    pass


_Schema._fields_ = [
    ("format", ctypes.c_char_p),
    ("name", ctypes.c_char_p),
    ("metadata", ctypes.c_char_p),
    ("flags", ctypes.c_int64),
    ("n_children", ctypes.c_int64),
    ("children", ctypes.POINTER(ctypes.POINTER(_Schema))),
    ("dictionary", ctypes.POINTER(_Schema)),
    ("release", ctypes.CFUNCTYPE(None, ctypes.POINTER(_Schema))),
    ("private_data", ctypes.c_void_p),
]


class _Array(ctypes.Structure):
    pass


_Array._fields_ = [
    ("length", ctypes.c_int64),
    ("null_count", ctypes.c_int64),
    ("offset", ctypes.c_int64),
    ("n_buffers", ctypes.c_int64),
    ("n_children", ctypes.c_int64),
    ("buffers", ctypes.POINTER(ctypes.c_void_p)),
    ("children", ctypes.POINTER(ctypes.POINTER(_Array))),
    ("dictionary", ctypes.POINTER(_Array)),
    ("release", ctypes.CFUNCTYPE(None, ctypes.POINTER(_Array))),
    ("private_data", ctypes.c_void_p),
]


class _Stream(ctypes.Structure):
    pass


_Stream._fields_ = [
    (
        "get_schema",
        ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(_Stream), ctypes.POINTER(_Schema)),
    ),
    ("get_next", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(_Stream), ctypes.POINTER(_Array))),
    ("get_last_error", ctypes.CFUNCTYPE(ctypes.c_char_p, ctypes.POINTER(_Stream))),
    ("release", ctypes.CFUNCTYPE(None, ctypes.POINTER(_Stream))),
    ("private_data", ctypes.c_void_p),
]

_capsule_pointer = ctypes.pythonapi.PyCapsule_GetPointer
_capsule_pointer.restype = ctypes.c_void_p
_capsule_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]


def _valid(array: _Array, index: int) -> bool:
    """Whether item `index` (the array's own offset not yet added) is not null."""
    if array.null_count == 0 or not array.buffers[0]:
        return True
    bit = array.offset + index
    byte = ctypes.cast(array.buffers[0], ctypes.POINTER(ctypes.c_uint8))[bit >> 3]
    return bool(byte >> (bit & 7) & 1)


def _valid_in(array: _Array, start: int, stop: int) -> int:
    return sum(_valid(array, i) for i in range(start, stop))


def _signature(array: _Array, schema: _Schema) -> Iterator[tuple[int, int]]:
    """(row, how much it hides) for each null row hiding something, at every nesting level (rows
    of a child numbered within that child)."""
    fmt = schema.format.decode()
    nested = fmt.startswith(("+l", "+L", "+w:", "+s"))
    if not nested:
        return
    children = [
        (array.children[i].contents, schema.children[i].contents) for i in range(array.n_children)
    ]
    if fmt in ("+l", "+L"):
        kind = ctypes.c_int32 if fmt == "+l" else ctypes.c_int64
        offsets = ctypes.cast(array.buffers[1], ctypes.POINTER(kind))
        for i in range(array.length):
            span = offsets[array.offset + i + 1] - offsets[array.offset + i]
            if not _valid(array, i) and span:
                yield i, span
    elif fmt.startswith("+w:"):
        width = int(fmt[3:])
        child = children[0][0]
        for i in range(array.length):
            first = (array.offset + i) * width
            if not _valid(array, i) and (held := _valid_in(child, first, first + width)):
                yield i, held
    else:  # a struct: its fields' rows are its own, past its offset
        for i in range(array.length):
            if not _valid(array, i):
                held = sum(_valid(child, array.offset + i) for child, _ in children)
                if held:
                    yield i, held
    for child, child_schema in children:
        yield from ((-1, -1), *_signature(child, child_schema))  # (-1, -1): a level's start


def hidden_signature(series: pl.Series) -> tuple[tuple[int, int], ...]:
    """What `series` holds under its null rows (in one chunk): empty where it hides nothing."""
    if not isinstance(series.dtype, pl.List | pl.Array | pl.Struct) or not hasattr(
        series,
        "__arrow_c_stream__",  # a release without the interface: nothing can be told
    ):
        return ()
    capsule = series.rechunk().__arrow_c_stream__()
    stream = ctypes.cast(_capsule_pointer(capsule, b"arrow_array_stream"), ctypes.POINTER(_Stream))
    schema = _Schema()
    if stream.contents.get_schema(stream, ctypes.byref(schema)) != 0:
        raise RuntimeError("the Arrow C stream gave no schema")
    found: list[tuple[int, int]] = []
    try:
        while True:
            array = _Array()
            if stream.contents.get_next(stream, ctypes.byref(array)) != 0:
                raise RuntimeError("the Arrow C stream gave no chunk")
            if not array.release:  # the stream's end
                break
            try:
                found += _signature(array, schema)
            finally:
                array.release(ctypes.byref(array))
    finally:
        schema.release(ctypes.byref(schema))
    return tuple(found) if any(row >= 0 for row, _ in found) else ()
