from tallybook.core.audit import GENESIS, event_hash, verify_chain


def _chain(n: int) -> list[tuple[int, str, str, dict]]:
    events, prev = [], GENESIS
    for seq in range(1, n + 1):
        fields = {"action": "claim.accept", "object_id": str(seq), "after": {"n": seq}}
        h = event_hash(prev, fields)
        events.append((seq, prev, h, fields))
        prev = h
    return events


def test_intact_chain_verifies():
    assert verify_chain(_chain(5)) is None


def test_edited_event_is_named():
    events = _chain(5)
    seq, prev, h, fields = events[2]
    events[2] = (seq, prev, h, {**fields, "after": {"n": 999}})
    broken = verify_chain(events)
    assert broken is not None and broken.seq == 3
    assert "content" in broken.reason


def test_removed_event_breaks_the_next_link():
    events = _chain(5)
    del events[1]
    broken = verify_chain(events)
    assert broken is not None and broken.seq == 3
    assert "link" in broken.reason


def test_rehashed_forgery_still_breaks_the_following_link():
    events = _chain(4)
    seq, prev, _, fields = events[1]
    forged = {**fields, "after": {"n": -1}}
    events[1] = (seq, prev, event_hash(prev, forged), forged)
    broken = verify_chain(events)
    assert broken is not None and broken.seq == 3


def test_hash_ignores_key_order():
    assert event_hash(GENESIS, {"a": 1, "b": [1, 2]}) == event_hash(GENESIS, {"b": [1, 2], "a": 1})
