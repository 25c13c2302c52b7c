import hashlib
import stat

import pytest


def test_put_is_content_addressed_and_stored_once(archive):
    sha, created = archive.put(b"original bytes")
    assert sha == hashlib.sha256(b"original bytes").hexdigest()
    assert created
    assert archive.put(b"original bytes") == (sha, False)
    assert archive.read(sha) == b"original bytes"
    assert list(archive) == [sha]


def test_archived_files_are_read_only_and_leave_no_temporary_files(archive):
    sha, _ = archive.put(b"x" * 10_000)
    path = archive.path_for(sha)
    assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    assert [p.name for p in path.parent.iterdir()] == [sha]


def test_rehash_sees_a_flipped_byte(archive):
    sha, _ = archive.put(b"abcdef")
    path = archive.path_for(sha)
    path.chmod(0o644)
    path.write_bytes(b"abcdeF")
    assert archive.rehash(sha) not in (None, sha)
    path.unlink()
    assert archive.rehash(sha) is None


def test_path_for_refuses_anything_but_a_digest(archive):
    with pytest.raises(ValueError):
        archive.path_for("../../etc/passwd")
