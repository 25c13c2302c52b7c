"""publish_release on the fictional corpus: what gets in, determinism, increments, atomicity."""

import json
import re
import stat
from pathlib import Path

import pytest

from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.claims.services import claim_edit, claim_reject
from tallybook.apps.publishing import services
from tallybook.apps.publishing.services import publish_release
from tallybook.apps.publishing.snapshot import build_snapshot
from tallybook.publish.manifest import ReleaseError, verify_release

from .corpus import CANARIES

pytestmark = pytest.mark.django_db


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _incident_page(site: Path, title: str) -> str:
    [page] = [
        p for p in (site / "incidents").glob("*.html") if f"<h1>{title}</h1>" in p.read_text()
    ]
    return page.relative_to(site).as_posix()


def test_published_ids_do_not_count_what_is_held_back(corpus, tmp_path, key_path):
    publish_release(out=tmp_path / "site", key_path=key_path)
    claims = json.loads((tmp_path / "site/data/claims.json").read_text())
    db_ids = {str(c.pk) for c in corpus["public"]}
    assert len(claims) == len(db_ids) and not {c["claim_id"] for c in claims} & db_ids
    assert all(re.fullmatch(r"[0-9a-f]{16}", c["claim_id"]) for c in claims)
    pages = {p.stem for p in (tmp_path / "site/incidents").glob("*.html")}
    assert str(corpus["zahedan"].pk) not in pages


def test_snapshot_holds_only_reviewed_public_claims_and_recomputes_figures(corpus):
    snap = build_snapshot()
    ids = set(snap.claims)
    assert ids == {c.pk for c in corpus["public"]}
    zahedan = snap.incidents[corpus["zahedan"].pk]
    corpus["zahedan"].refresh_from_db()
    assert corpus["zahedan"].max == 97  # the stored figure includes the restricted claim
    assert (zahedan.min, zahedan.max, zahedan.point) == (12, 96, 12)
    assert zahedan.status == "contested" and zahedan.origins == 2
    assert zahedan.title == "killed · Zahedan · 2022-09-30"
    assert snap.tags == {"bloody-friday": "Bloody Friday"}
    assert all(s.sha256 != corpus["restricted"].source.sha256 for s in snap.sources.values())
    assert snap.release_date == "2022-11-17"  # the newest published source, not the clock


def test_release_never_shows_restricted_unreviewed_or_personal_data(corpus, tmp_path, key_path):
    publish_release(out=tmp_path / "site", key_path=key_path)
    for path, data in _files(tmp_path / "site").items():
        text = data.decode("utf-8")
        for pattern in CANARIES:
            assert not re.search(pattern, text), (path, pattern)


def test_pages_show_ranges_competing_figures_and_sources(corpus, tmp_path, key_path):
    publish_release(out=tmp_path / "site", key_path=key_path, base_url="https://tally.example/r")
    site = tmp_path / "site"
    home = (site / "index.html").read_text()
    assert "12–96" in home and "Contested incidents" in home
    assert "Governor of Sistan" in home and "Witness Collective" in home
    page = (site / _incident_page(site, "killed · Zahedan · 2022-09-30")).read_text()
    assert "<h1>killed · Zahedan · 2022-09-30</h1>" in page
    assert "12 people died" in page and "96 people were killed" in page
    assert 'property="og:url" content="https://tally.example/r/incidents/' in page
    assert "https://bsky.app/intent/compose" in page and '<script src="../enhance.js"' in page
    assert "http" not in re.sub(r'(content|href)="https?://[^"]*"', "", page.split("<main")[0])
    figures = (site / "figures.html").read_text()
    assert "19" in figures and "112" in figures  # two running totals for IR-11, 2022-10
    for expected in [
        "places/country-ir.html", "places/province-ir-11.html", "categories/killed.html",
        "tags/bloody-friday.html", "claimants/witness-collective.html", "methodology.html",
        "feeds/category-killed.atom", "feeds/place-province-ir-11.atom", "sitemap.xml",
        "data/claims.csv", "data/claims.json", "data/incidents.geojson", "release-key.pub",
    ]:  # fmt: skip
        assert (site / expected).is_file(), expected
    sources = list((site / "sources").glob("*.html"))
    assert len(sources) == 5  # four public sources with reviewed claims, and the index


def test_csv_downloads_escape_formulas(corpus, tmp_path, key_path):
    publish_release(out=tmp_path / "site", key_path=key_path)
    text = (tmp_path / "site/data/claims.csv").read_text()
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    claims = json.loads((tmp_path / "site/data/claims.json").read_text())
    assert any(
        c["attribution_name"].startswith("=HYPERLINK") for c in claims if c["attribution_name"]
    )


def test_same_data_gives_the_same_bytes(corpus, tmp_path, key_path):
    publish_release(out=tmp_path / "a", key_path=key_path)
    publish_release(out=tmp_path / "b", key_path=key_path)
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a.keys() == b.keys() and len(a) > 30
    assert [p for p in a if a[p] != b[p]] == []


def test_republish_rewrites_only_what_changed_and_removes_what_vanished(corpus, tmp_path, key_path):
    out = tmp_path / "site"
    first = publish_release(out=out, key_path=key_path)
    assert first.stats.unchanged == 0 and first.stats.written == first.stats.files
    same = publish_release(out=out, key_path=key_path)
    assert (same.stats.written, same.stats.removed) == (0, 0)
    assert same.stats.unchanged == same.stats.files

    zahedan_page = _incident_page(out, "killed · Zahedan · 2022-09-30")
    mahabad_page = _incident_page(out, "killed · Mahābād · 2022-11-16")
    inodes = {p: (out / p).stat().st_ino for p in ("methodology.html", zahedan_page)}
    governor = corpus["public"][0]
    claim_edit(claim=governor, by=corpus["reviewer"], changes={"min": 14, "max": 14, "point": 14})
    edited = publish_release(out=out, key_path=key_path)
    assert 0 < edited.stats.written < edited.stats.files and edited.stats.removed == 0
    # Unchanged files are the old ones, hard-linked: same inode; rewritten ones are new.
    assert (out / "methodology.html").stat().st_ino == inodes["methodology.html"]
    assert (out / zahedan_page).stat().st_ino != inodes[zahedan_page]
    assert "14–96" in (out / zahedan_page).read_text()

    mahabad = corpus["public"][2]
    claim_reject(claim=mahabad, by=corpus["reviewer"], note="duplicate")
    shrunk = publish_release(out=out, key_path=key_path)
    assert shrunk.stats.removed >= 3  # the incident, its city and province pages, feeds
    assert not (out / mahabad_page).exists()
    verify_release(out)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_publish_is_audited_and_the_key_is_created_private(corpus, tmp_path, key_path):
    result = publish_release(out=tmp_path / "site", key_path=key_path)
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    event = AuditEvent.objects.filter(action="publish.release").get()
    assert event.after["manifest_sha256"] == result.manifest_sha256
    assert event.after["key"] == result.fingerprint
    assert result.fingerprint in (tmp_path / "site/methodology.html").read_text()


def test_a_failure_while_rendering_leaves_the_old_release_untouched(
    corpus, tmp_path, key_path, monkeypatch
):
    out = tmp_path / "site"
    publish_release(out=out, key_path=key_path)
    before = _files(out)

    def broken(snap, options):
        yield "index.html", b"half"
        raise RuntimeError("disk full (simulated)")

    monkeypatch.setattr(services, "render_site", broken)
    with pytest.raises(RuntimeError):
        publish_release(out=out, key_path=key_path)
    assert _files(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_bad_output_folders_are_refused_with_the_path_and_reason(corpus, tmp_path, key_path):
    a_file = tmp_path / "site.html"
    a_file.write_text("not a folder")
    with pytest.raises(ReleaseError, match="is a file"):
        publish_release(out=a_file, key_path=key_path)
    other = tmp_path / "photos"
    other.mkdir()
    (other / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(ReleaseError, match="holds no tallybook release") as err:
        publish_release(out=other, key_path=key_path)
    assert err.value.path == str(other)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "manifest.json").write_text("{not json")
    with pytest.raises(ReleaseError, match="malformed manifest") as err:
        publish_release(out=broken, key_path=key_path)
    assert err.value.path.endswith("manifest.json")
    assert (other / "cat.jpg").exists() and not AuditEvent.objects.filter(action="publish.release")
