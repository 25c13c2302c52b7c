"""Copies are not corroboration: syndicated documents share one origin."""

import pytest

from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.sources.models import Origin, Source
from tallybook.apps.sources.origins import origins_recompute
from tallybook.apps.sources.services import source_ingest

pytestmark = pytest.mark.django_db

STORY = (
    "FICTIONAL test story. Security forces opened fire on worshippers leaving Friday prayers "
    "in Zahedan, killing at least 41 people, according to the Sistan Witness Collective, a "
    "rights group that documents abuses in the province. The provincial governor said 12 "
    "people had died and blamed armed separatists for the violence. Witnesses described "
    "gunfire from the roof of a nearby police station as crowds left the mosque, and "
    "hospitals in the city appealed for blood donors late into the evening."
)


def _page(site: str, headline: str, body: str) -> bytes:
    return (
        f"<html><head><title>{headline}</title>"
        f'<meta property="og:site_name" content="{site}">'
        '<meta property="article:published_time" content="2022-10-01"></head>'
        f"<body><nav>{site} home</nav><article><h1>{headline}</h1><p>{body}</p>"
        f"</article><footer>© {site}</footer></body></html>"
    ).encode()


def test_thirty_copies_of_one_story_count_as_one_origin():
    for i in range(30):
        source_ingest(
            data=_page(f"Site {i}", f"Deadly Friday in Zahedan ({i})", STORY),
            origin=f"copy{i}.html",
            metadata={"url": f"https://site{i}.example/news/zahedan"},
        )
    other = (
        "FICTIONAL test story. In Rasht, twelve students were detained after a night of "
        "protests, a student council said on Monday, adding that families had not been told "
        "where they were taken and that lawyers had been refused access to them."
    )
    source_ingest(data=_page("Caspian Courier", "Twelve detained", other), origin="rasht.html")

    summary = origins_recompute()
    assert summary == {"sources": 31, "origins": 2, "copied": 1, "coordinated": 1}
    big = Origin.objects.get(documents=30)
    assert big.coordinated["domains"] == 30
    assert Source.objects.filter(origin=big).count() == 30
    assert AuditEvent.objects.filter(action="origins.recompute").count() == 1


def test_recompute_replaces_earlier_origins():
    source_ingest(data=_page("A", "One", STORY), origin="a.html")
    origins_recompute()
    source_ingest(data=_page("B", "Two", STORY), origin="b.html")
    origins_recompute()
    assert Origin.objects.count() == 1
    assert Origin.objects.get().documents == 2
