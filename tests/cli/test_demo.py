"""The demo corpus loads whole, says it is fictional, and loads only once."""

import pytest
from click.testing import CliRunner

from tallybook.apps.claims.models import Claim
from tallybook.apps.sources.models import Source
from tallybook.cli.main import cli
from tallybook.core.readers import read_document
from tallybook.demo import CORPUS, manifest


def test_manifest_and_corpus_folder_agree():
    on_disk = {
        p.relative_to(CORPUS).as_posix()
        for p in CORPUS.iterdir()
        if p.is_file() and p.suffix in {".html", ".pdf", ".txt"}
    }
    assert set(manifest()) == on_disk
    assert len(on_disk) >= 40
    kinds = {p.rsplit(".", 1)[-1] for p in on_disk}
    assert kinds == {"html", "pdf", "txt"}


def test_every_document_and_every_pdf_page_says_it_is_fictional():
    for name in manifest():
        doc = read_document((CORPUS / name).read_bytes(), filename=name)
        assert "FICTIONAL" in doc.text.upper(), name
        for page in doc.pages:
            assert "FICTIONAL" in doc.text[page.start : page.end].upper(), (name, page.number)


def test_manifest_entries_are_complete():
    for name, entry in manifest().items():
        assert entry["url"].startswith("https://") and ".example/" in entry["url"], name
        assert entry["published"][:2] == "20", name
        assert entry["sensitivity"] in {"public", "restricted"}, name
    assert any(e["sensitivity"] == "restricted" for e in manifest().values())


def test_detainee_lists_have_the_documented_columns():
    for name in ["detainees_ngo_a.csv", "detainees_ngo_b.csv"]:
        header = (CORPUS / "lists" / name).read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",")[:3] == ["name", "name_fa", "father_name"]


@pytest.mark.django_db
def test_demo_loads_every_document_once():
    runner = CliRunner()
    first = runner.invoke(cli, ["demo", "--no-serve"])
    assert first.exit_code == 0, first.output
    assert f"{len(manifest())} sources stored" in first.output
    again = runner.invoke(cli, ["demo", "--no-serve"])
    assert f"0 sources stored, {len(manifest())} already there" in again.output
    assert Source.objects.count() == len(manifest())
    assert Source.objects.filter(sensitivity="restricted").count() == sum(
        e["sensitivity"] == "restricted" for e in manifest().values()
    )
    assert Claim.objects.filter(category="killed").exists()
    published = {s.published.isoformat() for s in Source.objects.all()}
    assert published == {e["published"] for e in manifest().values()}


@pytest.mark.django_db
def test_demo_prints_accounts_that_sign_in_and_keep_their_passwords(client):
    import re

    first = CliRunner().invoke(cli, ["demo", "--no-serve"])
    found = dict(re.findall(r"sign in as '(\w+)' with password '([^']+)'", first.output))
    assert set(found) == {"analyst", "editor"}
    again = CliRunner().invoke(cli, ["demo", "--no-serve"])
    assert dict(re.findall(r"sign in as '(\w+)' with password '([^']+)'", again.output)) == found
    response = client.post(
        "/accounts/login/", {"username": "analyst", "password": found["analyst"], "next": "/"}
    )
    assert response.status_code == 302
