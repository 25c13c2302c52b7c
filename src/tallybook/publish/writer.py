"""Write a release folder incrementally, and all at once or not at all.

The new release is assembled in a staging folder beside OUT: a file whose
SHA-256 and size match the previous manifest is hard-linked from the old
release (unchanged), any other is written (new or changed), and files the new
release lacks are simply not carried over (removed). Only then is the staging
folder swapped in for OUT, so a failure at any point leaves the old release
as it was and no partial folder behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .manifest import MANIFEST, UNLISTED, FileEntry, ReleaseError, read_manifest, safe_path, sha256


@dataclass(frozen=True)
class WriteStats:
    written: int  # new or changed
    unchanged: int
    removed: int
    files: int  # in the new release, manifest and signature included


class ReleaseWriter:
    """Collects a release's files with `add`, then `commit`s them into `out`.

    Use as a context manager: leaving the block with an error removes the
    staging folder and leaves `out` untouched.
    """

    def __init__(self, out: Path) -> None:
        self.out = Path(out).absolute()
        if self.out.is_symlink():  # publish where the link points; keep the link
            self.out = self.out.resolve()
        self.previous = self._previous()
        parent = self.out.parent
        if not parent.is_dir():
            raise ReleaseError(parent, "no such folder (the release folder's parent must exist)")
        try:
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.publish-", dir=parent))
        except OSError as exc:
            raise ReleaseError(parent, f"cannot write here: {exc.strerror}") from None
        umask = os.umask(0)
        os.umask(umask)
        self.staging.chmod(0o777 & ~umask)  # mkdtemp's 0700 would hide the site from a server
        self.files: dict[str, FileEntry] = {}
        self.written = self.unchanged = 0
        self._dirs: set[Path] = set()

    def _previous(self) -> dict[str, FileEntry]:
        out = self.out
        if not out.exists():
            return {}
        if not out.is_dir():
            raise ReleaseError(out, "is a file, not a folder; choose a folder for the release")
        manifest = out / MANIFEST
        if not manifest.is_file():
            if any(out.iterdir()):
                raise ReleaseError(
                    out,
                    "is not empty and holds no tallybook release (no manifest.json); "
                    "choose an empty or new folder",
                )
            return {}
        try:
            body = read_manifest(manifest.read_bytes(), manifest)
        except ReleaseError as exc:
            raise ReleaseError(
                exc.path, f"{exc.reason}; remove the folder or choose another"
            ) from None
        return {p: FileEntry(e["sha256"], e["size"]) for p, e in body["files"].items()}

    def __enter__(self) -> ReleaseWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.abort()

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def add(self, rel: str, data: bytes) -> None:
        if not safe_path(rel) or rel in UNLISTED:
            raise ValueError(f"not a file name a release may hold: {rel!r}")
        if rel in self.files:
            raise ValueError(f"the release holds {rel!r} twice")
        entry = FileEntry(sha256(data), len(data))
        self.files[rel] = entry
        target = self.staging / rel
        if target.parent not in self._dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(target.parent)
        old = self.out / rel
        same = self.previous.get(rel) == entry and _same_size(old, entry.size)
        self._place(old if same else None, target, data)

    def _place(self, unchanged_from: Path | None, target: Path, data: bytes) -> None:
        if unchanged_from is not None:
            try:
                os.link(unchanged_from, target)
            except OSError:  # no hard links on this file system: write the same bytes again
                target.write_bytes(data)
            self.unchanged += 1
            return
        target.write_bytes(data)
        self.written += 1

    def commit(
        self, finish: Callable[[Mapping[str, FileEntry]], Mapping[str, bytes]]
    ) -> WriteStats:
        """Write the files `finish` returns (the manifest and its signature), then swap in."""
        for rel, data in finish(dict(self.files)).items():
            if rel not in UNLISTED:
                raise ValueError(f"finish may only add {sorted(UNLISTED)}, not {rel!r}")
            old = self.out / rel
            same = _same_size(old, len(data)) and old.read_bytes() == data
            self._place(old if same else None, self.staging / rel, data)
        removed = len(set(self.previous) - set(self.files))
        old = None
        try:
            if self.out.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.old-", dir=self.out.parent))
                os.replace(self.out, old / "release")
            os.replace(self.staging, self.out)
        except OSError as exc:
            if old is not None and (old / "release").exists() and not self.out.exists():
                os.replace(old / "release", self.out)  # put the old release back
            self.abort()
            raise ReleaseError(self.out, f"cannot replace the release: {exc.strerror}") from None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return WriteStats(self.written, self.unchanged, removed, len(self.files) + len(UNLISTED))


def _same_size(path: Path, size: int) -> bool:
    try:
        st = path.lstat()
    except OSError:
        return False
    return st.st_size == size and not os.path.islink(path)
