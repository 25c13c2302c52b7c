"""SSE frames and the reader's cursor."""

import json

import pytest

from tallybook.live import BadCursor, Event, format_sse, parse_cursor


def test_a_frame_has_the_id_the_kind_and_one_line_of_json():
    frame = format_sse(Event(id=42, kind="checkin", data={"attendance": 300, "text": "Rasht"}))
    assert frame.endswith(b"\n\n")
    lines = frame.decode().rstrip("\n").split("\n")
    assert lines[0] == "id: 42"
    assert lines[1] == "event: checkin"
    assert lines[2].startswith("data: ")
    assert json.loads(lines[2][len("data: ") :]) == {"id": 42, "attendance": 300, "text": "Rasht"}


def test_text_cannot_break_out_of_its_data_line():
    # A contributor's text with blank lines and field names stays inside the JSON string.
    text = "first\n\nid: 999\nevent: claim\r\ndata: forged"
    frame = format_sse(Event(id=3, kind="report", data={"text": text})).decode()
    assert frame.count("\n\n") == 1 and frame.endswith("\n\n")
    assert [line.split(":")[0] for line in frame.strip().split("\n")] == ["id", "event", "data"]
    assert json.loads(frame.strip().split("\n")[2][6:])["text"] == text


def test_persian_text_is_sent_as_utf8_not_escapes():
    frame = format_sse(Event(id=1, kind="report", data={"text": "تجمع در رشت"}))
    assert "تجمع در رشت".encode() in frame


@pytest.mark.parametrize(
    ("value", "expected"), [(None, None), ("", None), ("  ", None), ("0", 0), (" 17 ", 17)]
)
def test_cursor_values(value, expected):
    assert parse_cursor(value) == expected


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "1e3", "١٢", "12abc", "9" * 30])
def test_a_malformed_cursor_is_refused_with_its_name_and_value(value):
    with pytest.raises(BadCursor) as caught:
        parse_cursor(value)
    assert "Last-Event-ID" in str(caught.value)


def test_the_after_parameter_is_named_in_its_error():
    with pytest.raises(BadCursor, match="^after must be"):
        parse_cursor("x", name="after")


def test_an_event_survives_json_both_ways():
    event = Event(id=5, kind="claim", data={"min": 3, "max": None, "quote": "«x»"})
    assert Event.from_json(event.to_json()) == event
