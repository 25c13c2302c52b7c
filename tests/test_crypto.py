"""Field encryption: AES-GCM tokens bound to their context, blind indexes, the keyring file."""

import base64
import json
import stat

import pytest

from tallybook import crypto


@pytest.fixture(autouse=True)
def ring_path(tmp_path, monkeypatch):
    path = tmp_path / "keys" / "keyring.json"
    monkeypatch.setenv("TALLYBOOK_KEYRING", str(path))
    return path


def test_round_trip_and_token_shape(ring_path):
    token = crypto.encrypt("Mohammad Rezaei", context="people.name:1:1")
    version, key_id, blob = token.split(":")
    assert version == "v1" and key_id == crypto.load_keyring().current and blob
    assert "Rezaei" not in token
    assert crypto.decrypt(token, context="people.name:1:1") == "Mohammad Rezaei"
    assert crypto.decrypt(crypto.encrypt("کناری زقخ", context="c"), context="c") == "کناری زقخ"
    # A fresh nonce each time: equal names do not give equal tokens.
    assert token != crypto.encrypt("Mohammad Rezaei", context="people.name:1:1")


def test_keyring_is_created_on_first_use_private_and_outside_the_database(ring_path):
    assert not ring_path.exists()
    crypto.encrypt("x", context="c")
    assert stat.S_IMODE(ring_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(ring_path.parent.stat().st_mode) == 0o700
    ring = crypto.load_keyring()
    assert ring.path == ring_path.resolve()
    assert "secret" not in repr(ring) and str(ring.index_key) not in repr(ring)


def test_a_flipped_byte_is_a_clear_error():
    token = crypto.encrypt("Canaryname Zqxjv", context="people.name:1:1")
    version, key_id, blob = token.split(":")
    raw = bytearray(base64.b64decode(blob))
    raw[20] ^= 0x01
    tampered = f"{version}:{key_id}:{base64.b64encode(bytes(raw)).decode()}"
    with pytest.raises(crypto.TamperedValue, match="fails its authentication check"):
        crypto.decrypt(tampered, context="people.name:1:1")
    for broken in ["", "v1:abc", "v2:" + token[3:], token[:-12], token.replace(":", ";")]:
        with pytest.raises(crypto.TamperedValue):
            crypto.decrypt(broken, context="people.name:1:1")


def test_a_value_copied_to_another_field_or_record_does_not_decrypt():
    token = crypto.encrypt("Canaryname Zqxjv", context="people.name:1:1")
    for other in ["people.father_name:1:1", "people.name:1:2", "people.name:2:1"]:
        with pytest.raises(crypto.TamperedValue, match=other):
            crypto.decrypt(token, context=other)


def test_an_unknown_key_id_names_the_key_and_the_keyring(ring_path):
    token = crypto.encrypt("x", context="c")
    _, key_id, blob = token.split(":")
    with pytest.raises(crypto.UnknownKey, match="'deadbeef'.*not in the keyring"):
        crypto.decrypt(f"v1:deadbeef:{blob}", context="c")
    ring_path.unlink()
    with pytest.raises(crypto.KeyringMissing, match="no keyring"):
        crypto.decrypt(token, context="c")


def test_blind_index_ignores_case_spacing_and_letter_forms():
    def index(value, context="people.name"):
        return crypto.blind_index(value, context=context)

    assert index("Mohammad Rezaei") == index(" mohammad  REZAEI") == index("MOHAMMAD\tRezaei")
    assert index("Mohammad Rezaei") != index("Mohammad Rezai")
    # Arabic kaf and yeh against Persian keheh and farsi yeh; Persian digits; ZWNJ.
    assert index("بابك سلطاني") == index("بابک سلطانی")
    assert index("علي رضايي") == index("علی رضایی")
    assert index("محمد\u200cرضا") == index("محمد رضا")
    assert index("۱۲۳") == index("123")
    assert index("Mohammad Rezaei") != index("Mohammad Rezaei", context="people.father_name")
    assert index("") == index("   ") == ""
    assert len(index("x")) == 64 and "rezaei" not in index("Mohammad Rezaei")


def test_adding_and_retiring_keys(ring_path):
    old = crypto.encrypt("Canaryname Zqxjv", context="c")
    first = crypto.key_id_of(old)
    new_id = crypto.add_key()
    assert crypto.load_keyring().current == new_id != first
    assert crypto.decrypt(old, context="c") == "Canaryname Zqxjv"  # old keys still read
    assert crypto.key_id_of(crypto.encrypt("y", context="c")) == new_id
    index_before = crypto.blind_index("Name", context="c")
    assert crypto.retire_keys({new_id}) == [first]
    with pytest.raises(crypto.UnknownKey):
        crypto.decrypt(old, context="c")
    assert crypto.blind_index("Name", context="c") == index_before  # the index key stays
    assert stat.S_IMODE(ring_path.stat().st_mode) == 0o600


def test_a_damaged_keyring_is_refused_with_the_reason(ring_path):
    crypto.encrypt("x", context="c")
    data = json.loads(ring_path.read_text())
    data["current"] = "nothere"
    ring_path.write_text(json.dumps(data))
    with pytest.raises(crypto.CryptoError, match="current key"):
        crypto.load_keyring()
    ring_path.write_text("{not json")
    with pytest.raises(crypto.CryptoError, match="damaged"):
        crypto.load_keyring()
