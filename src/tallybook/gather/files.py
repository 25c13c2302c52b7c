"""Input files and folders as bytes, with sizes checked before anything is read.

A path can be a FIFO that blocks forever when opened, a device that never
ends, or a file far over the limit; each becomes an InputRejected for that
path, and the walk goes on to the next one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator

from tallybook.core.errors import InputRejected
from tallybook.core.readers import Limits

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def _os_reason(exc: OSError) -> InputRejected:
    return InputRejected(f"the file cannot be read: {exc.strerror or exc}")


def _too_big(size: int, limits: Limits) -> InputRejected:
    return InputRejected(
        f"the file is {size:,} bytes, larger than the limit of {limits.max_bytes:,}; not read"
    )


def read_file(path: str, limits: Limits) -> bytes | InputRejected:
    """The file's bytes, or why not; never blocks on a FIFO, never reads past the limit."""
    try:
        info = os.stat(path)
    except OSError as exc:  # missing, broken symlink, no permission on a parent folder
        return _os_reason(exc)
    if not stat.S_ISREG(info.st_mode):
        return InputRejected(f"the path is {_kind(info.st_mode)}, not a regular file; not read")
    if info.st_size > limits.max_bytes:
        return _too_big(info.st_size, limits)
    try:
        # O_NONBLOCK: if a FIFO was swapped in after the stat, opening it still returns at once.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return _os_reason(exc)
    try:
        info = os.fstat(fd)  # the file actually opened, not the one stat saw
        if not stat.S_ISREG(info.st_mode):
            return InputRejected(f"the path is {_kind(info.st_mode)}, not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limits.max_bytes + 1)  # a file that grew since is still capped
    except OSError as exc:
        return _os_reason(exc)
    finally:
        os.close(fd)
    if len(data) > limits.max_bytes:
        return _too_big(len(data), limits)
    return data


def _walk(folder: str) -> Iterator[tuple[str, InputRejected | None]]:
    """Files under `folder`, sorted, hidden ones skipped; links to folders are not followed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield folder, InputRejected(f"the folder cannot be listed: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_link = entry.is_symlink()
        except OSError as exc:
            yield entry.path, _os_reason(exc)
            continue
        if is_dir:
            yield from _walk(entry.path)
        elif is_link and os.path.isdir(entry.path):
            # Following links could loop forever or leave the folder the user chose.
            yield entry.path, InputRejected("the path is a link to a folder; not followed")
        else:
            yield entry.path, None


def iter_inputs(
    paths: list[str],
    *,
    limits: Limits = Limits(),  # noqa: B008 - frozen, so a shared default is safe
) -> Iterator[tuple[str, bytes | InputRejected]]:
    """Each file named or found under a named folder, with its bytes or the reason it was refused.

    Folders are walked recursively in name order; hidden files and folders
    inside them are skipped (a hidden file named directly is read).
    """
    for path in paths:
        if os.path.isdir(path):
            for found, problem in _walk(path):
                yield found, problem if problem is not None else read_file(found, limits)
        else:
            yield path, read_file(path, limits)
