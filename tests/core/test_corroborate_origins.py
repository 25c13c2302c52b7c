"""Origins: copies are one origin, different stories are not, boilerplate joins nothing."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tallybook.core.corroborate.origins import (
    NEAR_DUPLICATE,
    SHARED_PARAGRAPH,
    Doc,
    cluster_origins,
    coordination,
)
from tallybook.core.corroborate.synthetic import synthetic_docs

T0 = datetime(2022, 10, 1, 8, 0)

# FICTIONAL: every story below is invented for these tests.
STORY = [
    "Security forces opened fire on worshippers leaving Friday prayers at the Grand Mosalla "
    "in Zahedan, killing at least 41 people, according to the Baluch Rights Lantern, a "
    "monitoring group that said it had confirmed the names of the dead with their families.",
    "Witnesses said the shooting began shortly after noon when a crowd gathered outside the "
    "police station opposite the mosque to protest against the alleged rape of a teenage girl "
    "by a police commander in the port city of Chabahar earlier in the month.",
    "Videos shared on social media and seen by the group showed people running from the "
    "square as gunfire echoed between the buildings, and wounded men being carried into the "
    "courtyard of the mosque, where volunteers had set up a makeshift clinic.",
    "Doctors at two hospitals in the city told the group they had treated more than a hundred "
    "people for gunshot and pellet wounds, and that the security services had ordered them not "
    "to release the names of the wounded to journalists or to relatives.",
    "The provincial governor said in a statement that armed separatists had attacked the "
    "police station and that 19 people, among them members of the security forces, had been "
    "killed in the clashes, a figure the monitoring group rejected as far too low.",
    "Internet access in the province was cut for most of the following day, the monitoring "
    "service Netwatch Lantern reported, making it difficult for families outside the city to "
    "reach relatives or to learn whether they had been among the dead or the detained.",
    "The group said it feared the toll would rise as more families came forward, and called "
    "for an independent investigation into what residents have begun to call Bloody Friday, "
    "the deadliest single day of the protests that began in the middle of September.",
]

OTHER_STORY = [
    "Riot police detained dozens of students at the main gate of the Caspian University in "
    "Rasht on Sunday after a sit-in against the arrest of three classmates, the Caspian Student "
    "Council said in a message posted on its channel late in the evening.",
    "The council said the students were loaded onto buses and driven to an unknown location, "
    "and that their parents had gathered outside the provincial prosecutor's office without "
    "receiving any information about where their children were being held.",
    "A lecturer who asked not to be named said plain-clothes agents had filmed the sit-in from "
    "the library roof for two hours before the police moved in, and that several teachers had "
    "been summoned for questioning by the university's security office.",
    "The council called for a strike across the faculties of Gilan province on Tuesday and "
    "urged students at other universities to join it, while officials described the sit-in as "
    "an illegal gathering organised by hostile groups based abroad.",
]

# The same Zahedan event, written independently: same facts, different words.
SAME_EVENT = [
    "Dozens were shot dead in Zahedan on Friday when the security services turned their guns on "
    "a crowd near the Makki mosque, residents reached by telephone said, describing bodies "
    "lying in the streets of the old quarter until late in the afternoon.",
    "A shopkeeper said his nephew was hit in the chest while trying to help an elderly man to "
    "safety; the family buried him the next morning under the watch of plain-clothes officers "
    "who told them not to hold a public funeral or speak to foreign media.",
    "Officials blamed armed groups for the violence and said calm had returned to the city, "
    "but residents described a heavy security presence, closed shops in the bazaar and long "
    "queues outside the hospitals where relatives waited for news of the injured.",
]


def site(n: int) -> str:
    return f"site{n:02d}.example"


def render(domain: str, headline: str, paras: list[str]) -> str:
    # Each site's chrome differs: menu, share line, and a footer naming the site.
    return "\n".join(
        [
            f"{domain.upper()} | Home | World | Middle East | Video",
            headline,
            *paras,
            f"Share this story. Copyright {domain} 2022. Read our terms.",
        ]
    )


def thirty_copies() -> list[Doc]:
    """One story on 30 sites: chrome differs, headlines change, one cut, one extended."""
    docs = []
    for n in range(30):
        paras = list(STORY)
        headline = "At least 41 killed in Zahedan, rights group says"
        if n % 7 == 3:
            headline = "Zahedan: security forces kill dozens after Friday prayers"
        if n == 5:
            paras = paras[:5]  # truncated copy
        if n == 9:
            paras.append(
                "This article has been updated with a statement from the provincial governor."
            )
        # Published out of order: the earliest is site17, not the first in the list.
        when = T0 + timedelta(hours=(n * 7) % 30) if n != 17 else T0 - timedelta(hours=2)
        docs.append(Doc(f"copy-{n:02d}", render(site(n), headline, paras), when, site(n)))
    return docs


def cluster_of(clusters, doc_id):
    return next(c for c in clusters if doc_id in c.members)


def test_thirty_copies_are_one_origin_the_earliest():
    docs = thirty_copies() + [
        Doc(
            "other",
            render("courier.example", "Students detained", OTHER_STORY),
            T0,
            "courier.example",
        )
    ]
    clusters = cluster_origins(docs)
    copy = cluster_of(clusters, "copy-00")
    assert len(copy.members) == 30
    assert copy.origin == "copy-17"
    assert copy.members[0] == "copy-17"
    assert NEAR_DUPLICATE in copy.via
    assert cluster_of(clusters, "other").members == ("other",)


def test_two_stories_on_one_event_are_two_origins():
    docs = [
        Doc("a", render("one.example", "41 killed in Zahedan", STORY), T0, "one.example"),
        Doc("b", render("two.example", "Bloodshed in Zahedan", SAME_EVENT), T0, "two.example"),
    ]
    clusters = cluster_origins(docs)
    assert sorted(c.members for c in clusters) == [("a",), ("b",)]
    assert all(c.via == () for c in clusters)


def test_partial_copy_joins_by_a_shared_paragraph():
    lifted = [*SAME_EVENT[:2], STORY[2], SAME_EVENT[2]]
    docs = [
        Doc("original", render("one.example", "41 killed", STORY), T0, "one.example"),
        Doc("partial", render("two.example", "Zahedan", lifted), T0 + timedelta(1), "two.example"),
        Doc("other", render("three.example", "Rasht", OTHER_STORY), T0, "three.example"),
    ]
    clusters = cluster_origins(docs)
    joined = cluster_of(clusters, "partial")
    assert joined.members == ("original", "partial")
    assert joined.origin == "original"
    assert joined.via == (SHARED_PARAGRAPH,)
    assert cluster_of(clusters, "other").members == ("other",)


def test_short_paragraphs_do_not_join():
    docs = [
        Doc("a", render("one.example", "x", STORY), T0, "one.example"),
        Doc("b", render("two.example", "y", OTHER_STORY), T0, "two.example"),
    ]
    # The footers differ, but both share "Home | World | Middle East | Video": too short.
    assert len(cluster_origins(docs)) == 2


DISCLAIMER = (
    "FICTIONAL — this page was written for a software test. The events, people, places and "
    "organisations it names are invented, and any resemblance to real events is a coincidence "
    "that the authors did not intend and cannot be held responsible for."
)


def test_a_disclaimer_carried_by_every_document_joins_none():
    stories = [STORY[:3], STORY[3:], OTHER_STORY[:2], OTHER_STORY[2:], SAME_EVENT]
    docs = [
        Doc(f"d{i}", "\n".join([DISCLAIMER, *paras]), T0, f"s{i}.example")
        for i, paras in enumerate(stories)
    ]
    clusters = cluster_origins(docs)
    assert len(clusters) == len(stories)


def test_a_site_footer_joins_none_of_that_sites_articles():
    footer = DISCLAIMER.replace("FICTIONAL", "Lantern Courier")
    docs = [
        Doc("a", "\n".join([*STORY[:3], footer]), T0, "lantern.example"),
        Doc("b", "\n".join([*OTHER_STORY, footer]), T0, "lantern.example"),
    ]
    assert len(cluster_origins(docs)) == 2


def test_copies_are_coordinated_when_six_domains_publish_within_hours():
    docs = [
        Doc(f"c{n}", render(site(n), "41 killed", STORY), T0 + timedelta(minutes=30 * n), site(n))
        for n in range(6)
    ]
    [cluster] = cluster_origins(docs)
    assert cluster.coordinated is not None
    assert cluster.coordinated.domains == 6
    assert cluster.coordinated.window_hours == pytest.approx(2.5)
    assert cluster.coordinated.first == T0


def test_copies_spread_over_three_weeks_are_not_coordinated():
    docs = [
        Doc(f"c{n}", render(site(n), "41 killed", STORY), T0 + timedelta(days=4 * n), site(n))
        for n in range(6)
    ]
    [cluster] = cluster_origins(docs)
    assert len(cluster.members) == 6
    assert cluster.coordinated is None


def test_coordination_counts_distinct_domains_not_documents():
    docs = [Doc(f"c{n}", "", T0 + timedelta(minutes=n), "same.example") for n in range(10)]
    assert coordination(docs) is None


def test_aware_naive_and_missing_dates_mix():
    later = datetime(2022, 10, 1, 9, 0, tzinfo=UTC)
    docs = [
        Doc("undated", render("a.example", "x", STORY), None, "a.example"),
        Doc("aware", render("b.example", "x", STORY), later, "b.example"),
        Doc("naive", render("c.example", "x", STORY), T0, "c.example"),
    ]
    [cluster] = cluster_origins(docs)
    assert cluster.members == ("naive", "aware", "undated")


def test_empty_documents_stand_alone():
    docs = [Doc("e1", "", T0, None), Doc("e2", "  \n ", T0, None)]
    assert sorted(c.members for c in cluster_origins(docs)) == [("e1",), ("e2",)]


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="unique"):
        cluster_origins([Doc("x", "a", None, None), Doc("x", "b", None, None)])


def test_synthetic_corpus_copies_cluster():
    docs = synthetic_docs(400, seed=3)
    clusters = cluster_origins(docs)
    members = [m for c in clusters for m in c.members]
    assert sorted(members) == sorted(d.id for d in docs)
    # About 30% of the corpus are copies: far fewer origins than documents.
    assert len(clusters) < 0.85 * len(docs)
    assert any(len(c.members) >= 3 for c in clusters)


VOCAB = ["killed", "in", "zahedan", "protest", "friday", "police", "forty", "one", "the", "city"]


@st.composite
def corpora(draw):
    n = draw(st.integers(1, 12))
    bases = draw(st.lists(st.lists(st.sampled_from(VOCAB), max_size=60), min_size=1, max_size=3))
    docs = []
    for i in range(n):
        words = list(draw(st.sampled_from(bases)))
        if words and draw(st.booleans()):
            words[draw(st.integers(0, len(words) - 1))] = "changed"
        hours = draw(st.one_of(st.none(), st.integers(0, 100)))
        when = None if hours is None else T0 + timedelta(hours=hours)
        domain = draw(st.sampled_from([None, "a.example", "b.example"]))
        docs.append(Doc(f"d{i}", " ".join(words), when, domain))
    return docs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora())
def test_every_document_lands_in_exactly_one_cluster(docs):
    clusters = cluster_origins(docs)
    members = [m for c in clusters for m in c.members]
    assert sorted(members) == sorted(d.id for d in docs)
    by_id = {d.id: d for d in docs}
    for c in clusters:
        assert c.origin == c.members[0]
        dated = [by_id[m].published for m in c.members if by_id[m].published is not None]
        if dated:
            assert by_id[c.origin].published == min(dated)
