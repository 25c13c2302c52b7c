"""The release manifest: the SHA-256 of every file, signed with an Ed25519 release key.

A release folder holds, besides its pages and data:

- `manifest.json` — {"format", "release", "key", "files": {path: {"sha256", "size"}}},
  canonical JSON (sorted keys), listing every file except itself and its signature;
- `manifest.sig` — the Ed25519 signature of manifest.json's exact bytes, base64;
- `release-key.pub` — the public key (PEM), itself listed in the manifest.

Ed25519 signatures are deterministic, so the same data and key give the same
bytes. `verify_release` checks the signature, then every file, and stops at the
first bad one, naming it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAT = "tallybook-release/1"
MANIFEST, SIGNATURE, PUBLIC_KEY = "manifest.json", "manifest.sig", "release-key.pub"
UNLISTED = frozenset({MANIFEST, SIGNATURE})
_HEX64 = re.compile(r"[0-9a-f]{64}")


class ReleaseError(Exception):
    """A release (or a key, or an output folder) that is not what it should be."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path, self.reason = str(path), reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True, slots=True)
class FileEntry:
    sha256: str
    size: int


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- keys -----------------------------------------------------------------------------


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The release key at `path`, created (mode 0600, folder 0700) if there is none yet."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first: use theirs
            return load_private_key(path)
        except OSError as exc:
            raise ReleaseError(path, f"cannot create the release key: {exc.strerror}") from None
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
        return key
    return load_private_key(path)


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as exc:
        raise ReleaseError(path, f"cannot read the release key: {exc.strerror}") from None
    except (ValueError, TypeError) as exc:
        raise ReleaseError(path, f"not an unencrypted PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ReleaseError(path, "the release key must be an Ed25519 key")
    return key


def load_public_key(data: bytes, path: Path | str) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as exc:
        raise ReleaseError(path, f"not a PEM public key ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise ReleaseError(path, "not an Ed25519 public key")
    return key


def public_pem(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def fingerprint(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """ "SHA256:" and the hex SHA-256 of the raw 32-byte public key."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "SHA256:" + hashlib.sha256(raw).hexdigest()


def id_secret(key: Ed25519PrivateKey) -> bytes:
    """A secret derived from the release key, for keyed hashes of published ids."""
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return hashlib.sha256(b"tallybook published ids\0" + raw).digest()


# --- writing --------------------------------------------------------------------------


def manifest_bytes(
    files: Mapping[str, FileEntry], *, release: Mapping[str, object], key_fingerprint: str
) -> bytes:
    body = {
        "format": FORMAT,
        "release": dict(release),
        "key": key_fingerprint,
        "files": {p: {"sha256": e.sha256, "size": e.size} for p, e in sorted(files.items())},
    }
    return (json.dumps(body, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode()


def sign(data: bytes, key: Ed25519PrivateKey) -> bytes:
    return sign_encoding(key.sign(data))


def sign_encoding(signature: bytes) -> bytes:
    return base64.b64encode(signature) + b"\n"


def read_manifest(data: bytes, path: Path | str) -> dict:
    """The manifest's contents, checked for shape; ReleaseError naming `path` if malformed."""
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReleaseError(path, f"malformed manifest: not JSON ({exc})") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise ReleaseError(path, f"malformed manifest: format is not {FORMAT!r}")
    files = body.get("files")
    if not isinstance(files, dict):
        raise ReleaseError(path, "malformed manifest: no 'files' object")
    for name, entry in files.items():
        if not safe_path(name) or name in UNLISTED:
            raise ReleaseError(path, f"malformed manifest: bad file name {name!r}")
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("sha256"), str)
            or not _HEX64.fullmatch(entry["sha256"])
            or not isinstance(entry.get("size"), int)
            or isinstance(entry.get("size"), bool)
        ):
            raise ReleaseError(path, f"malformed manifest: bad entry for {name!r}")
    return body


def safe_path(name: str) -> bool:
    """A relative POSIX path that stays inside the release."""
    parts = name.split("/")
    return bool(name) and not name.startswith("/") and all(p not in ("", ".", "..") for p in parts)


# --- checking -------------------------------------------------------------------------


@dataclass(frozen=True)
class Verified:
    files: int
    key: str  # fingerprint of the key that checked the signature
    key_from_release: bool  # True: the release's own key (proves integrity, not authorship)


def verify_release(root: Path, *, public_key: bytes | None = None, key_path: str = "") -> Verified:
    """Check the signature and every file; raise ReleaseError naming the first bad one.

    `public_key` (PEM) is the key to trust; without it the release's own
    release-key.pub is used, which shows the files are as signed but not who
    signed them (compare the fingerprint with one published elsewhere).
    """
    if not root.is_dir():
        raise ReleaseError(root, "not a folder" if root.exists() else "no such folder")
    manifest_path, sig_path = root / MANIFEST, root / SIGNATURE
    for required in (manifest_path, sig_path):
        if not required.is_file():
            raise ReleaseError(required, "missing: this is not a signed tallybook release")
    data = manifest_path.read_bytes()
    if public_key is None:
        key_file = root / PUBLIC_KEY
        if not key_file.is_file():
            raise ReleaseError(key_file, "missing, and no --key given to check the signature")
        key = load_public_key(key_file.read_bytes(), key_file)
    else:
        key = load_public_key(public_key, key_path or "--key")
    encoded = sig_path.read_bytes()
    try:
        signature = base64.b64decode(encoded.removesuffix(b"\n"), validate=True)
        # Only the exact bytes `sign` writes: no stray whitespace, no altered spare bits.
        if sign_encoding(signature) != encoded:
            raise ValueError("not in canonical form")
        key.verify(signature, data)
    except (binascii.Error, ValueError, InvalidSignature):
        raise ReleaseError(
            manifest_path,
            f"the signature in {SIGNATURE} does not match: the manifest or its signature "
            "was changed, or another key signed it",
        ) from None
    body = read_manifest(data, manifest_path)
    listed: dict[str, dict] = body["files"]
    on_disk = set()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in filenames:
            rel = Path(dirpath, name).relative_to(root).as_posix()
            if rel not in UNLISTED:
                on_disk.add(rel)
    for rel in sorted(on_disk | set(listed)):
        path = root / rel
        if rel not in listed:
            raise ReleaseError(path, "extra file: not in the manifest")
        if rel not in on_disk:
            raise ReleaseError(path, "missing: listed in the manifest")
        if path.is_symlink() or not path.is_file():
            raise ReleaseError(path, "not a plain file")
        size, digest = _hash_file(path)
        if size != listed[rel]["size"] or digest != listed[rel]["sha256"]:
            raise ReleaseError(path, "changed: its SHA-256 differs from the manifest's")
    return Verified(len(listed), fingerprint(key), public_key is None)


def _hash_file(path: Path) -> tuple[int, str]:
    h, size = hashlib.sha256(), 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return size, h.hexdigest()
