"""Content-addressed, write-once storage of original bytes.

A file's name is the SHA-256 of its bytes, so identical inputs are stored
once, and `verify` can tell any change apart from the original.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Archive:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put(self, data: bytes) -> tuple[str, bool]:
        """Store the bytes; (sha256, True) when written now, (sha256, False) when present."""
        sha = sha256_bytes(data)
        path = self.path_for(sha)
        if path.is_file():
            return sha, False
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write to a temporary file in the same folder and rename: a crash
        # never leaves a half-written original under its final name.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o444)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha, True

    def read(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def remove(self, sha256: str) -> None:
        """Only for undoing a write whose database record failed."""
        self.path_for(sha256).unlink(missing_ok=True)

    def rehash(self, sha256: str) -> str | None:
        """The SHA-256 of what is on disk now, or None if the file is missing."""
        path = self.path_for(sha256)
        if not path.is_file():
            return None
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    def __iter__(self) -> Iterator[str]:
        for path in sorted(self.root.glob("??/??/*")):
            if not path.name.startswith("."):
                yield path.name


def default_archive() -> Archive:
    from django.conf import settings

    return Archive(settings.ARCHIVE_DIR)
