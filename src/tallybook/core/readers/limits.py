"""How much of an input tallybook will read before it refuses it."""

from __future__ import annotations

from dataclasses import dataclass

MIB = 2**20


@dataclass(frozen=True)
class Limits:
    """Bounds on one input; every reader refuses rather than exceeding them."""

    max_bytes: int = 50 * MIB
    """Largest input (file, download, or compressed file as stored), in bytes."""
    max_decompressed_bytes: int = 200 * MIB
    """Largest output of decompressing a compressed input, in bytes."""
    max_ratio: float = 100
    """Largest decompressed/compressed size ratio, above which it is a bomb."""
    max_pdf_pages: int = 2000
    """Most pages a PDF may have."""
    max_text_chars: int = 20_000_000
    """Most characters of extracted text from one input."""
    timeout_s: float = 60
    """Wall-clock seconds the sandboxed reader may take for one input."""
    memory_bytes: int = 2**30
    """Address space the sandboxed reader process may use, in bytes."""
