"""Voices: two outlets of one organisation are one voice; independence counts origins."""

from tallybook.core.corroborate.voices import Claimant, independent_origins, voice_of

GROUP = Claimant("g", "Lantern Media Group", "media", None)
DAILY = Claimant("d", "Lantern Daily", "media", "g")
TV = Claimant("t", "Lantern TV", "media", "g")
TV_DESK = Claimant("td", "Lantern TV Persian desk", "media", "t")
NGO = Claimant("n", "Baluch Rights Lantern", "ngo", None)
BY_ID = {c.id: c for c in (GROUP, DAILY, TV, TV_DESK, NGO)}


def test_two_outlets_of_one_organisation_are_one_voice():
    assert voice_of(DAILY, BY_ID) == voice_of(TV, BY_ID) == "g"


def test_affiliation_is_followed_to_its_root():
    assert voice_of(TV_DESK, BY_ID) == "g"
    assert voice_of(NGO, BY_ID) == "n"


def test_an_unknown_affiliation_is_the_root():
    stray = Claimant("s", "Stray outlet", "media", "unknown-parent")
    assert voice_of(stray, BY_ID) == "unknown-parent"


def test_a_cycle_resolves_to_one_voice():
    a = Claimant("a", "A", "media", "b")
    b = Claimant("b", "B", "media", "a")
    by_id = {"a": a, "b": b}
    assert voice_of(a, by_id) == voice_of(b, by_id) == "a"


def test_different_texts_from_one_voice_are_one_origin():
    assert independent_origins([("story-1", "g"), ("story-2", "g")]) == 1


def test_copies_of_a_story_count_once_for_the_author_and_once_per_voice_it_quotes():
    copies = [("story-1", None)] * 30 + [("story-1", "officials")] * 30 + [("story-1", "ngo")] * 30
    assert independent_origins(copies) == 3


def test_independent_origins_and_voices_count_separately():
    assert independent_origins([("story-1", "g"), ("story-2", "n")]) == 2
    assert independent_origins([("story-1", None), ("story-2", None)]) == 2


def test_voices_are_not_joined_through_the_stories_that_quote_them():
    # story-2 quotes both the government and the NGO: they stay two sources.
    items = [("story-1", "g"), ("story-2", "g"), ("story-2", "n"), ("story-3", "n")]
    assert independent_origins(items) == 2


def test_nothing_counts_zero():
    assert independent_origins([]) == 0
