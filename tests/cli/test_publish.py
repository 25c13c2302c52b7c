"""`tallybook publish` and `tallybook verify-release` from the command line."""

import pytest
from click.testing import CliRunner

from tallybook.apps.sources import services as source_services
from tallybook.cli.main import cli
from tests.publish.corpus import make_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(monkeypatch, tmp_path):
    monkeypatch.setattr(source_services, "AFTER_INGEST", [])
    monkeypatch.setenv("TALLYBOOK_RELEASE_KEY", str(tmp_path / "keys" / "release.pem"))
    return make_corpus()


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_publish_then_verify_then_tamper(corpus, tmp_path):
    out = tmp_path / "site"
    first = run("publish", out, "--date", "2022-12-01", "--base-url", "https://tally.example")
    assert first.exit_code == 0, first.output
    assert "(release of 2022-12-01)" in first.output
    assert "unchanged 0, removed 0" in first.output
    again = run("publish", out, "--date", "2022-12-01", "--base-url", "https://tally.example")
    assert "written 0," in again.output and "removed 0" in again.output

    ok = run("verify-release", out, "--key", tmp_path / "site" / "release-key.pub")
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("ok: ")

    page = out / "methodology.html"
    data = bytearray(page.read_bytes())
    data[len(data) // 2] ^= 0x20
    page.write_bytes(bytes(data))
    bad = run("verify-release", out)
    assert bad.exit_code == 1
    assert f"FAILED {page}: changed" in bad.output


def test_publish_refuses_bad_input_naming_it(corpus, tmp_path):
    a_file = tmp_path / "site.txt"
    a_file.write_text("x")
    result = run("publish", a_file)
    assert result.exit_code == 2
    assert f"error: {a_file}: is a file" in result.output
    assert "must be YYYY-MM-DD" in run("publish", tmp_path / "s", "--date", "1/12/2022").output
    assert "--base-url must start with" in run("publish", tmp_path / "s", "--base-url", "x").output
    missing = run("verify-release", tmp_path / "nowhere")
    assert missing.exit_code == 1 and "no such folder" in missing.output
    assert not (tmp_path / "s").exists()
