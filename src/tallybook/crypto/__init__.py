"""Field encryption for identifying values: AES-256-GCM tokens and HMAC blind indexes.

Keys live in a keyring file outside the database (`keyring.py`); the database
holds only tokens ("v1:<key id>:<base64 nonce+ciphertext>") and blind indexes.
Plain Python, no Django: the people app calls it, and so can a recovery script.
"""

from tallybook.crypto.cipher import (
    TOKEN_VERSION,
    blind_index,
    decrypt,
    encrypt,
    index_form,
    key_id_of,
)
from tallybook.crypto.keyring import (
    CryptoError,
    Keyring,
    KeyringMissing,
    TamperedValue,
    UnknownKey,
    add_key,
    keyring_path,
    load_keyring,
    retire_keys,
)

__all__ = [
    "TOKEN_VERSION",
    "CryptoError",
    "Keyring",
    "KeyringMissing",
    "TamperedValue",
    "UnknownKey",
    "add_key",
    "blind_index",
    "decrypt",
    "encrypt",
    "index_form",
    "key_id_of",
    "keyring_path",
    "load_keyring",
    "retire_keys",
]
