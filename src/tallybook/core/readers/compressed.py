"""Gzip, decompressed in bounded steps so a bomb never gets its memory."""

from __future__ import annotations

import zlib

from tallybook.core.errors import InputRejected
from tallybook.core.readers.limits import MIB, Limits

_STEP = 1 * MIB  # most output produced by one decompress call
# Small outputs are harmless whatever their ratio (a page of spaces); judge the ratio beyond this.
_RATIO_FLOOR = 1 * MIB


def gunzip_bounded(data: bytes, limits: Limits) -> bytes:
    """The decompressed bytes of a gzip file (all members), or InputRejected for a bomb."""
    out = bytearray()
    pending = data
    while pending:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        while True:
            try:
                chunk = inflater.decompress(pending, _STEP)
            except zlib.error as exc:
                raise InputRejected(f"the gzip file is damaged ({exc})") from None
            pending = inflater.unconsumed_tail
            out += chunk
            _check(len(out), len(data) - len(pending), limits)
            if inflater.eof or (not chunk and not pending):
                break
        if not inflater.eof:
            raise InputRejected("the gzip file is cut short (truncated)")
        # Concatenated gzip members are one file (as gunzip reads them); trailing NULs are padding.
        pending = inflater.unused_data.lstrip(b"\x00")
    return bytes(out)


def _check(produced: int, consumed: int, limits: Limits) -> None:
    if produced > limits.max_decompressed_bytes:
        raise InputRejected(
            f"the compressed file expands to more than {limits.max_decompressed_bytes:,} bytes "
            "(a 'decompression bomb'?); refused"
        )
    if produced > _RATIO_FLOOR and produced > limits.max_ratio * max(consumed, 1):
        raise InputRejected(
            f"the compressed file expands more than {limits.max_ratio:g} times "
            "(a 'decompression bomb'?); refused"
        )
