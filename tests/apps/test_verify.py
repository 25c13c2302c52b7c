import pytest
from click.testing import CliRunner

from tallybook.apps.sources.models import Source
from tallybook.apps.sources.services import source_ingest
from tallybook.cli.main import cli

pytestmark = pytest.mark.django_db


def test_verify_passes_on_an_untouched_archive(article_html):
    source_ingest(data=article_html, origin="rasht.html")
    result = CliRunner().invoke(cli, ["verify"])
    assert result.exit_code == 0, result.output
    assert "ok: 1 originals match" in result.output


def test_verify_names_an_original_with_one_flipped_byte(archive, article_html):
    source, _ = source_ingest(data=article_html, origin="rasht.html")
    source_ingest(
        data=b"Police said 3 people were injured in Qom.\n", origin="qom.txt", filename="qom.txt"
    )
    path = archive.path_for(source.sha256)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.chmod(0o644)
    path.write_bytes(bytes(data))

    result = CliRunner().invoke(cli, ["verify"])
    assert result.exit_code == 1
    [line] = [ln for ln in result.output.splitlines() if ln.startswith("MISMATCH")]
    assert source.sha256 in line
    assert "Twelve detained in Rasht" in line
    assert "changed" in line


def test_verify_names_a_missing_original_and_edited_text(archive, article_html):
    source, _ = source_ingest(data=article_html, origin="rasht.html")
    archive.path_for(source.sha256).unlink()
    Source.objects.filter(pk=source.pk).update(text=source.text.replace("twelve", "two"))
    result = CliRunner().invoke(cli, ["verify"])
    assert result.exit_code == 1
    assert "missing" in result.output
    assert "stored text no longer matches" in result.output
