"""Signed manifests: every file is covered, one flipped byte anywhere is caught and named."""

import json
import stat

import pytest

from tallybook.publish import manifest as mf
from tallybook.publish.writer import ReleaseWriter

FILES = {
    "index.html": b"<!doctype html><h1>FICTIONAL release</h1>",
    "incidents/7.html": b"<h1>killed \xc2\xb7 Zahedan</h1>",
    "data/claims.csv": b"claim_id,min\n1,12\n",
    "style.css": b"body{}",
}


def _release(root, key):
    with ReleaseWriter(root) as w:
        for path, data in FILES.items():
            w.add(path, data)
        w.add(mf.PUBLIC_KEY, mf.public_pem(key))

        def finish(files):
            body = mf.manifest_bytes(
                files, release={"date": "2022-10-01"}, key_fingerprint=mf.fingerprint(key)
            )
            return {mf.MANIFEST: body, mf.SIGNATURE: mf.sign(body, key)}

        w.commit(finish)
    return root


@pytest.fixture
def key(tmp_path):
    return mf.load_or_create_key(tmp_path / "keys" / "release.pem")


def test_a_good_release_verifies(tmp_path, key):
    root = _release(tmp_path / "site", key)
    result = mf.verify_release(root)
    assert result.files == len(FILES) + 1 and result.key_from_release
    assert result.key == mf.fingerprint(key)
    trusted = mf.verify_release(root, public_key=mf.public_pem(key))
    assert not trusted.key_from_release
    body = json.loads((root / mf.MANIFEST).read_text())
    assert body["files"]["data/claims.csv"]["sha256"] == mf.sha256(FILES["data/claims.csv"])


def test_flipping_any_byte_of_any_file_fails_naming_the_file(tmp_path, key):
    root = _release(tmp_path / "site", key)
    every = sorted(p for p in root.rglob("*") if p.is_file())
    assert len(every) == len(FILES) + 3  # the files, the public key, manifest and signature
    for path in every:
        original = path.read_bytes()
        for offset in {0, len(original) // 2, len(original) - 1}:
            flipped = bytearray(original)
            flipped[offset] ^= 0x01
            path.write_bytes(bytes(flipped))
            with pytest.raises(mf.ReleaseError) as err:
                mf.verify_release(root, public_key=mf.public_pem(key))
            expected = root / mf.MANIFEST if path.name in mf.UNLISTED else path
            assert err.value.path == str(expected), (path, offset)
            path.write_bytes(original)
        mf.verify_release(root)  # restored


def test_missing_extra_and_foreign_keys_are_named(tmp_path, key):
    root = _release(tmp_path / "site", key)
    (root / "zz-extra.html").write_text("planted")
    with pytest.raises(mf.ReleaseError, match="extra file: not in the manifest") as err:
        mf.verify_release(root)
    assert err.value.path.endswith("zz-extra.html")
    (root / "zz-extra.html").unlink()
    (root / "style.css").unlink()
    with pytest.raises(mf.ReleaseError, match="missing: listed") as err:
        mf.verify_release(root)
    assert err.value.path.endswith("style.css")
    other = mf.load_or_create_key(tmp_path / "other.pem")
    with pytest.raises(mf.ReleaseError, match="signature"):
        mf.verify_release(root, public_key=mf.public_pem(other))
    with pytest.raises(mf.ReleaseError, match="not a PEM public key"):
        mf.verify_release(root, public_key=b"hello", key_path="k.pub")


def test_a_malformed_manifest_is_refused_even_when_signed(tmp_path, key):
    root = _release(tmp_path / "site", key)
    for body in [
        b"{not json",
        b'{"format": "other/1", "files": {}}',
        b'{"format": "tallybook-release/1", "files": {"../etc/passwd": {}}}',
    ]:
        (root / mf.MANIFEST).write_bytes(body)
        (root / mf.SIGNATURE).write_bytes(mf.sign(body, key))
        with pytest.raises(mf.ReleaseError, match="malformed manifest") as err:
            mf.verify_release(root)
        assert err.value.path.endswith(mf.MANIFEST)
    (root / mf.SIGNATURE).unlink()
    with pytest.raises(mf.ReleaseError, match="missing"):
        mf.verify_release(root)
    with pytest.raises(mf.ReleaseError, match="no such folder"):
        mf.verify_release(tmp_path / "nowhere")


def test_the_key_is_made_once_private_and_reused(tmp_path):
    path = tmp_path / "keys" / "release.pem"
    first = mf.load_or_create_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert mf.fingerprint(mf.load_or_create_key(path)) == mf.fingerprint(first)
    assert mf.fingerprint(first).startswith("SHA256:") and len(mf.fingerprint(first)) == 71
    path.write_text("not a key")
    with pytest.raises(mf.ReleaseError, match="not an unencrypted PEM private key") as err:
        mf.load_or_create_key(path)
    assert err.value.path == str(path)


def test_signatures_are_deterministic(tmp_path, key):
    a = _release(tmp_path / "a", key)
    b = _release(tmp_path / "b", key)
    for name in (mf.MANIFEST, mf.SIGNATURE):
        assert (a / name).read_bytes() == (b / name).read_bytes()
