"""Ingest: archive, record, receipt and audit, all or nothing."""

import gzip

import pytest

from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.sources import services
from tallybook.apps.sources.models import Receipt, Source
from tallybook.apps.sources.services import ingest_inputs, source_ingest
from tallybook.core.errors import InputRejected

pytestmark = pytest.mark.django_db


def test_ingest_stores_original_text_and_metadata(archive, article_html):
    source, created = source_ingest(data=article_html, origin="rasht.html", filename="rasht.html")
    assert created
    assert archive.read(source.sha256) == article_html  # byte-exact
    assert "detained twelve students in Rasht" in source.text
    assert "Copyright" not in source.text  # page chrome is not the article
    assert source.title.startswith("Twelve detained in Rasht")
    assert source.media_type == "text/html"
    assert source.published.isoformat() == "2023-02-14"
    assert source.receipts.count() == 1
    event = AuditEvent.objects.get(action="source.ingest")
    assert event.object_id == str(source.pk)
    assert event.after["sha256"] == source.sha256


def test_same_bytes_twice_are_stored_once_with_two_receipts(archive, article_html):
    first, created1 = source_ingest(data=article_html, origin="a/rasht.html")
    second, created2 = source_ingest(data=article_html, origin="b/copy-of-rasht.html")
    assert (created1, created2) == (True, False)
    assert first.pk == second.pk
    assert Source.objects.count() == 1
    assert list(archive) == [first.sha256]
    assert [r.origin for r in Receipt.objects.order_by("id")] == [
        "a/rasht.html",
        "b/copy-of-rasht.html",
    ]
    assert AuditEvent.objects.filter(action="source.receive").count() == 1


def test_refused_input_stores_nothing(archive):
    with pytest.raises(InputRejected) as err:
        source_ingest(
            data=b"ok text \xff\xfe then cp1252 \x93quote\x94",
            origin="mixed.txt",
            filename="mixed.txt",
            sandbox=False,
        )
    assert "UTF-8" in str(err.value)
    assert Source.objects.count() == 0
    assert list(archive) == []
    assert AuditEvent.objects.count() == 0


def test_failure_after_archiving_removes_the_original(archive, article_html, monkeypatch):
    def boom(source, by):
        raise RuntimeError("disk full while extracting claims")

    monkeypatch.setattr(services, "AFTER_INGEST", [boom])
    with pytest.raises(RuntimeError):
        source_ingest(data=article_html, origin="rasht.html")
    assert Source.objects.count() == 0
    assert Receipt.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert list(archive) == []


def test_metadata_overrides_what_the_reader_found(article_html):
    source, _ = source_ingest(
        data=article_html,
        origin="rasht.html",
        metadata={
            "publisher": "Caspian Courier (print)",
            "published": "2023-02-15",
            "sensitivity": "restricted",
        },
    )
    assert source.publisher == "Caspian Courier (print)"
    assert source.published.isoformat() == "2023-02-15"
    assert source.sensitivity == "restricted"


def test_bad_metadata_is_refused_by_name(article_html):
    with pytest.raises(ValueError, match="published must be YYYY-MM-DD"):
        source_ingest(data=article_html, origin="x.html", metadata={"published": "14/02/2023"})
    with pytest.raises(ValueError, match="unknown source metadata: colour"):
        source_ingest(data=article_html, origin="x.html", metadata={"colour": "red"})
    assert Source.objects.count() == 0


def test_a_bad_input_does_not_stop_the_others(tmp_path, article_html):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.html").write_bytes(article_html)
    (folder / "sub" / "b.txt").write_text("Police said 3 people were injured in Qom.\n")
    (folder / "sub" / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    (folder / "z.txt.gz").write_bytes(gzip.compress(b"\0" * 5_000_000))
    results = {r.origin.rsplit("/", 1)[-1]: r for r in ingest_inputs([str(folder)])}
    assert set(results) == {"a.html", "b.txt", "broken.pdf", "z.txt.gz"}
    assert results["a.html"].created and results["b.txt"].created
    assert "PDF" in results["broken.pdf"].error
    assert results["z.txt.gz"].error
    assert Source.objects.count() == 2


def test_gzip_bomb_is_refused_within_the_configured_limit(monkeypatch, tmp_path):
    monkeypatch.setenv("TALLYBOOK_MAX_DECOMPRESSED_BYTES", str(1_000_000))
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"A" * 20_000_000, compresslevel=9))
    [result] = ingest_inputs([str(bomb)])
    assert not result.ok
    assert "bomb.txt.gz" in result.origin
    assert Source.objects.count() == 0


def test_file_over_the_size_limit_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("TALLYBOOK_MAX_BYTES", "1000")
    big = tmp_path / "big.txt"
    big.write_text("x" * 5000)
    [result] = ingest_inputs([str(big)])
    assert result.error and "1,000" in result.error.replace("1000", "1,000")
    assert Source.objects.count() == 0
