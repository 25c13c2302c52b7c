"""Encrypt and decrypt one value; compute its blind index.

A token is "v1:<key id>:<base64 of 12-byte nonce + ciphertext + tag>". The
context (which field of which record) and the token's version and key id are
bound as associated data: a value copied into another field or record, or
given another key id, fails to decrypt instead of reading as something else.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tallybook.core.gazetteer.normalize import normalize

from .keyring import Keyring, TamperedValue, load_keyring

TOKEN_VERSION = "v1"  # noqa: S105 (a format tag, not a secret)
_NONCE_BYTES = 12


def _aad(key_id: str, context: str) -> bytes:
    return f"tallybook:{TOKEN_VERSION}:{key_id}:{context}".encode()


def encrypt(plaintext: str, *, context: str, keyring: Keyring | None = None) -> str:
    """The token for `plaintext` under the current key, bound to `context`."""
    ring = keyring or load_keyring()
    key_id = ring.current
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(ring.key(key_id)).encrypt(
        nonce, plaintext.encode("utf-8"), _aad(key_id, context)
    )
    return f"{TOKEN_VERSION}:{key_id}:{base64.b64encode(nonce + sealed).decode('ascii')}"


def decrypt(token: str, *, context: str, keyring: Keyring | None = None) -> str:
    """The plaintext of `token`; TamperedValue or UnknownKey when it cannot be read."""
    key_id, blob = _split(token, context)
    ring = keyring or load_keyring(create=False)
    key = ring.key(key_id)
    try:
        plain = AESGCM(key).decrypt(blob[:_NONCE_BYTES], blob[_NONCE_BYTES:], _aad(key_id, context))
    except InvalidTag:
        raise TamperedValue(
            f"the encrypted value for {context} fails its authentication check: it was "
            "altered, or copied from another field or record"
        ) from None
    return plain.decode("utf-8")


def key_id_of(token: str) -> str:
    """The id of the key a token was encrypted with (no decryption)."""
    return _split(token, "a token")[0]


def _split(token: str, context: str) -> tuple[str, bytes]:
    parts = token.split(":") if isinstance(token, str) else []
    if len(parts) != 3 or parts[0] != TOKEN_VERSION or not parts[1]:
        raise TamperedValue(f"the encrypted value for {context} is not a {TOKEN_VERSION} token")
    try:
        blob = base64.b64decode(parts[2].encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise TamperedValue(f"the encrypted value for {context} is not valid base64") from None
    if len(blob) < _NONCE_BYTES + 16:
        raise TamperedValue(f"the encrypted value for {context} is truncated")
    return parts[1], blob


def index_form(value: str) -> str:
    """What the blind index sees: casefolded, Arabic/Persian letters and digits unified,
    diacritics and apostrophes dropped, hyphens and whitespace collapsed to one space."""
    return normalize(value or "")


def blind_index(value: str, *, context: str, keyring: Keyring | None = None) -> str:
    """HMAC-SHA256 (hex) of the normalised value; "" for an empty value.

    Equal for spellings that differ only in case, spacing or letter forms, so
    exact matching works without decrypting. `context` separates kinds of
    value (a name's index never equals a father's name's).
    """
    form = index_form(value)
    if not form:
        return ""
    ring = keyring or load_keyring()
    message = f"{context}\x00{form}".encode()
    return hmac.new(ring.index_key, message, hashlib.sha256).hexdigest()
