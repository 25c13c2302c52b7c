"""The command line, run in-process against the test database."""

import pytest
from click.testing import CliRunner

from tallybook.apps.sources.models import Source
from tallybook.cli.main import COMMANDS, cli

pytestmark = pytest.mark.django_db


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_every_command_is_listed_in_help():
    result = run("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_ingest_prints_a_line_per_input_and_refuses_bad_ones(tmp_path, article_html):
    good = tmp_path / "rasht.html"
    good.write_bytes(article_html)
    bad = tmp_path / "picture.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    result = run("ingest", str(good), str(bad), str(good))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("stored ") and "rasht.html" in lines[0]
    assert any(ln.startswith("refused ") and "picture.txt" in ln for ln in lines)
    assert any(ln.startswith("exists ") and "receipt added" in ln for ln in lines)
    assert lines[-1] == "1 stored, 1 already archived, 1 refused"
    assert Source.objects.count() == 1


def test_ingest_of_a_missing_path_names_it(tmp_path):
    result = run("ingest", str(tmp_path / "nope.html"))
    assert result.exit_code == 1
    assert "nope.html" in result.output


def test_ingest_restricted_flag(tmp_path):
    note = tmp_path / "witness.txt"
    note.write_text("A witness said 4 people were detained in Saqqez.\n")
    assert run("ingest", "--restricted", str(note)).exit_code == 0
    assert Source.objects.get().sensitivity == "restricted"


def test_sources_list_and_show(tmp_path, article_html):
    page = tmp_path / "rasht.html"
    page.write_bytes(article_html)
    run("ingest", str(page))
    sha = Source.objects.get().sha256
    listing = run("sources", "list")
    assert sha[:12] in listing.output and "Twelve detained" in listing.output
    shown = run("sources", "show", sha[:8], "--text")
    assert shown.exit_code == 0
    assert sha in shown.output and "twelve students" in shown.output
    assert run("sources", "show", "ffffffffff").exit_code == 2


def test_places_ranks_matches():
    result = run("places", "Karaj", "--country", "IR")
    assert result.exit_code == 0
    first = result.output.splitlines()[0]
    assert "Karaj" in first and "IR" in first
    assert run("places", "Xqzzyplace").exit_code == 1
