"""Input files: sizes checked before reading, odd paths refused without blocking."""

from __future__ import annotations

import os

import pytest

from tallybook.core.errors import InputRejected
from tallybook.core.readers import Limits
from tallybook.gather import files
from tallybook.gather.files import iter_inputs


def _results(paths, **kwargs) -> dict[str, bytes | InputRejected]:
    return dict(iter_inputs([str(p) for p in paths], **kwargs))


def test_folders_are_walked_sorted_and_hidden_files_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_bytes(b"2")
    (tmp_path / "a.txt").write_bytes(b"1")
    (tmp_path / "c.txt").write_bytes(b"3")
    (tmp_path / ".hidden.txt").write_bytes(b"h")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_bytes(b"g")
    found = list(iter_inputs([str(tmp_path)]))
    assert [os.path.relpath(p, tmp_path) for p, _ in found] == ["a.txt", "b/two.txt", "c.txt"]
    assert [data for _, data in found] == [b"1", b"2", b"3"]


def test_hidden_file_named_directly_is_read(tmp_path):
    hidden = tmp_path / ".notes.txt"
    hidden.write_bytes(b"n")
    assert _results([hidden]) == {str(hidden): b"n"}


def test_file_over_the_limit_is_refused_by_size_without_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as handle:
        handle.truncate(60 * 2**20)  # sparse: takes no disk space
    monkeypatch.setattr(files.os, "open", lambda *a, **k: pytest.fail("opened a file over limit"))
    result = _results([big])[str(big)]
    assert isinstance(result, InputRejected)
    assert result.reason == (
        "the file is 62,914,560 bytes, larger than the limit of 52,428,800; not read"
    )


def test_small_limit_applies(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 11)
    result = _results([path], limits=Limits(max_bytes=10))[str(path)]
    assert isinstance(result, InputRejected) and "11 bytes" in result.reason


def test_fifo_in_a_folder_is_refused_without_opening_it(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "z.txt").write_bytes(b"after")
    results = _results([tmp_path])
    pipe = results[str(tmp_path / "pipe")]
    assert isinstance(pipe, InputRejected)
    assert pipe.reason == "the path is a named pipe (FIFO), not a regular file; not read"
    assert results[str(tmp_path / "z.txt")] == b"after"


def test_broken_symlink_is_refused_with_the_os_reason(tmp_path):
    (tmp_path / "dangling").symlink_to(tmp_path / "missing")
    result = _results([tmp_path])[str(tmp_path / "dangling")]
    assert isinstance(result, InputRejected)
    assert result.reason == "the file cannot be read: No such file or directory"


def test_missing_path_is_refused(tmp_path):
    result = _results([tmp_path / "nope.txt"])[str(tmp_path / "nope.txt")]
    assert isinstance(result, InputRejected) and "No such file" in result.reason


def test_link_to_a_folder_is_not_followed(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_bytes(b"a")
    (tmp_path / "loop").symlink_to(tmp_path)
    results = _results([tmp_path])
    assert results[str(tmp_path / "real" / "a.txt")] == b"a"
    assert isinstance(results[str(tmp_path / "loop")], InputRejected)


def test_link_to_a_file_is_read(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"a")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert _results([tmp_path])[str(tmp_path / "b.txt")] == b"a"


def test_permission_error_on_open_is_refused_with_the_os_reason(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"a")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "open", denied)
    result = _results([path])[str(path)]
    assert isinstance(result, InputRejected)
    assert result.reason == "the file cannot be read: Permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_refused_with_the_os_reason(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_bytes(b"s")
    path.chmod(0)
    result = _results([path])[str(path)]
    assert isinstance(result, InputRejected)
    assert result.reason == "the file cannot be read: Permission denied"
