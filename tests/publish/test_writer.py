"""The release writer: incremental by content hash, all or nothing, clear refusals."""

import pytest

from tallybook.publish import manifest as mf
from tallybook.publish.writer import ReleaseWriter


def _publish(root, files, key):
    with ReleaseWriter(root) as w:
        for path, data in sorted(files.items()):
            w.add(path, data)

        def finish(entries):
            body = mf.manifest_bytes(entries, release={}, key_fingerprint=mf.fingerprint(key))
            return {mf.MANIFEST: body, mf.SIGNATURE: mf.sign(body, key)}

        return w.commit(finish)


@pytest.fixture
def key(tmp_path):
    return mf.load_or_create_key(tmp_path / "release.pem")


def test_counts_written_unchanged_and_removed(tmp_path, key):
    root = tmp_path / "site"
    files = {"index.html": b"home", "a/1.html": b"one", "a/2.html": b"two"}
    first = _publish(root, files, key)
    assert (first.written, first.unchanged, first.removed, first.files) == (5, 0, 0, 5)
    again = _publish(root, files, key)
    assert (again.written, again.unchanged, again.removed) == (0, 5, 0)
    changed = _publish(root, {"index.html": b"home v2", "a/1.html": b"one"}, key)
    assert (changed.written, changed.unchanged, changed.removed) == (3, 1, 1)
    assert not (root / "a/2.html").exists() and (root / "index.html").read_bytes() == b"home v2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release.pem", "site"]


def test_a_failure_leaves_the_old_release_and_no_staging(tmp_path, key):
    root = tmp_path / "site"
    _publish(root, {"index.html": b"home"}, key)
    with pytest.raises(RuntimeError), ReleaseWriter(root) as w:
        w.add("index.html", b"half-written")
        raise RuntimeError("interrupted")
    assert (root / "index.html").read_bytes() == b"home"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release.pem", "site"]


def test_bad_outputs_are_refused_naming_the_path(tmp_path):
    a_file = tmp_path / "out.txt"
    a_file.write_text("x")
    with pytest.raises(mf.ReleaseError, match="is a file, not a folder") as err:
        ReleaseWriter(a_file)
    assert err.value.path == str(a_file)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(mf.ReleaseError, match="not empty"):
        ReleaseWriter(busy)
    with pytest.raises(mf.ReleaseError, match="no such folder"):
        ReleaseWriter(tmp_path / "missing" / "site")
    empty = tmp_path / "empty"
    empty.mkdir()
    ReleaseWriter(empty).abort()  # an empty folder is fine


def test_unsafe_or_duplicate_names_are_refused(tmp_path):
    with ReleaseWriter(tmp_path / "site") as w:
        for bad in ["../x.html", "/etc/x", "a//b", "manifest.json"]:
            with pytest.raises(ValueError):
                w.add(bad, b"")
        w.add("ok.html", b"")
        with pytest.raises(ValueError, match="twice"):
            w.add("ok.html", b"")
        w.abort()


def test_a_symlinked_release_folder_keeps_its_link(tmp_path, key):
    real = tmp_path / "www" / "site"
    real.parent.mkdir()
    link = tmp_path / "site"
    link.symlink_to(real, target_is_directory=True)
    _publish(link, {"index.html": b"home"}, key)
    _publish(link, {"index.html": b"home v2"}, key)
    assert link.is_symlink() and (real / "index.html").read_bytes() == b"home v2"


def test_an_unwritable_place_is_named(tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    with pytest.raises(mf.ReleaseError, match="cannot write here: Permission denied") as err:
        ReleaseWriter(tmp_path / "site")
    assert err.value.path == str(tmp_path)
