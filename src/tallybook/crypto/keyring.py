"""The keyring: encryption keys with ids, one of them current, and the blind-index key.

A JSON file outside the database (default `DATA_DIR/keys/keyring.json`,
`TALLYBOOK_KEYRING` to put it elsewhere, e.g. on removable media), mode 600,
created on first use. Every change is written to a temporary file, flushed
and renamed over the old one, so a crash leaves either the old ring or the
new one, never half of one.

Losing this file makes every encrypted value unreadable for good: back it up.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import tempfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

from tallybook import config

FORMAT = "tallybook-keyring/1"
KEY_BYTES = 32  # AES-256, and HMAC-SHA256 keys of the same size


class CryptoError(Exception):
    """A value or the keyring cannot be used; the message says why and what to do."""


class KeyringMissing(CryptoError):
    pass


class UnknownKey(CryptoError):
    pass


class TamperedValue(CryptoError):
    pass


@dataclass(frozen=True)
class Keyring:
    path: Path
    current: str
    keys: Mapping[str, bytes]
    index_key_id: str
    index_key: bytes = b""

    def key(self, key_id: str) -> bytes:
        try:
            return self.keys[key_id]
        except KeyError:
            raise UnknownKey(
                f"a value was encrypted with key {key_id!r}, which is not in the keyring at "
                f"{self.path}: restore the keyring (or that key) from its backup"
            ) from None

    def __repr__(self) -> str:  # never print a secret by accident
        return f"Keyring(path={str(self.path)!r}, current={self.current!r}, ids={list(self.keys)})"


def keyring_path() -> Path:
    configured = config.get("TALLYBOOK_KEYRING")
    if configured:
        return Path(configured).expanduser().resolve()
    return config.data_dir() / "keys" / "keyring.json"


_cache: dict[Path, tuple[tuple[int, int, int], Keyring]] = {}
_lock = threading.Lock()


def load_keyring(path: Path | None = None, *, create: bool = True) -> Keyring:
    """The keyring at `path` (default: `keyring_path()`), created when missing if `create`."""
    path = Path(path) if path is not None else keyring_path()
    with _lock:
        stamp = _stamp(path)
        if stamp is None:
            if not create:
                raise KeyringMissing(
                    f"no keyring at {path}: restore it from its backup, or set "
                    "TALLYBOOK_KEYRING to where it is"
                )
            _create(path)
            stamp = _stamp(path)
            assert stamp is not None
        cached = _cache.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        ring = _parse(path, path.read_bytes())
        _cache[path] = (stamp, ring)
        return ring


def add_key(path: Path | None = None) -> str:
    """Add a new encryption key and make it current; its id."""
    path = Path(path) if path is not None else keyring_path()
    with _exclusive(path):
        data = _raw(path)
        key_id = _new_id(data["keys"])
        data["keys"][key_id] = {"secret": _b64(secrets.token_bytes(KEY_BYTES)), "created": _now()}
        data["current"] = key_id
        _write(path, data)
    return key_id


def retire_keys(keep: set[str], path: Path | None = None) -> list[str]:
    """Remove every encryption key not in `keep` (the current one always stays); the removed ids.

    Only call once no stored value uses them: what they encrypted is unreadable after.
    """
    path = Path(path) if path is not None else keyring_path()
    with _exclusive(path):
        data = _raw(path)
        keep = set(keep) | {data["current"]}
        removed = sorted(k for k in data["keys"] if k not in keep)
        if removed:
            for key_id in removed:
                del data["keys"][key_id]
            _write(path, data)
    return removed


# --- the file ------------------------------------------------------------------------------


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _create(path: Path) -> None:
    data = {
        "format": FORMAT,
        "current": "",
        "keys": {},
        "index": {
            "id": secrets.token_hex(4),
            "secret": _b64(secrets.token_bytes(KEY_BYTES)),
            "created": _now(),
        },
    }
    key_id = _new_id({})
    data["keys"][key_id] = {"secret": _b64(secrets.token_bytes(KEY_BYTES)), "created": _now()}
    data["current"] = key_id
    _mkdir(path.parent)
    tmp = _temp_file(path, data)
    try:
        # A hard link fails if another process created the ring first: then theirs is used.
        os.link(tmp, path)
    except FileExistsError:
        pass
    except OSError:  # file systems without hard links (FAT on removable media)
        if not path.exists():
            os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    _fsync_dir(path.parent)


def _mkdir(folder: Path) -> None:
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            folder.chmod(0o700)


def _temp_file(path: Path, data: dict) -> str:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".keyring-")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, sort_keys=True)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _write(path: Path, data: dict) -> None:
    _parse(path, json.dumps(data).encode("utf-8"))  # never write a ring that cannot be read
    tmp = _temp_file(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """Serialise changes to the ring between processes."""
    import fcntl

    load_keyring(path)  # create on first use
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _raw(path: Path) -> dict:
    raw = path.read_bytes()
    _parse(path, raw)
    return json.loads(raw)


def _parse(path: Path, raw: bytes) -> Keyring:
    try:
        data = json.loads(raw)
        if data.get("format") != FORMAT:
            raise ValueError(f"format is {data.get('format')!r}, not {FORMAT!r}")
        keys = {str(k): _unb64(v["secret"]) for k, v in data["keys"].items()}
        index = data["index"]
        index_key = _unb64(index["secret"])
        current = data["current"]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CryptoError(f"the keyring at {path} is damaged ({exc}): restore its backup") from None
    if current not in keys:
        raise CryptoError(f"the keyring at {path} names a current key it does not hold")
    if any(len(k) != KEY_BYTES for k in [*keys.values(), index_key]):
        raise CryptoError(f"the keyring at {path} holds a key of the wrong length")
    return Keyring(
        path=path,
        current=current,
        keys=MappingProxyType(keys),
        index_key_id=str(index["id"]),
        index_key=index_key,
    )


def _new_id(existing: Mapping[str, object]) -> str:
    while True:
        key_id = secrets.token_hex(4)
        if key_id not in existing:
            return key_id


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
