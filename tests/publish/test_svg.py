"""SVG charts and maps: well-formed, labelled for screen readers, the same bytes every time."""

from defusedxml import ElementTree as ET

from tallybook.publish.svg import Bar, MapPoint, nice_ticks, point_map, range_chart

NS = "{http://www.w3.org/2000/svg}"
BARS = [
    Bar("2022-09", 12, 96, 12, "1 incident"),
    Bar("2022-10", 0, 0, 0),
    Bar("2022-11", 41, None, 41, "2 incidents"),
]


def test_range_chart_is_valid_svg_with_a_title_per_mark():
    text = range_chart(BARS, title="killed in <Zahedan> & around", desc="Bars: ranges.", ident="z")
    root = ET.fromstring(text)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "z-t z-d"
    assert root.find(f"{NS}title").text == "killed in <Zahedan> & around"
    titles = [t.text for t in root.iter(f"{NS}title")][1:]
    assert titles == [
        "2022-09: 12–96, point 12, 1 incident",
        "2022-10: 0, point 0",
        "2022-11: at least 41, point 41, 2 incidents",
    ]
    open_bar = [r for r in root.iter(f"{NS}rect") if r.get("fill") == "url(#z-open)"]
    assert len(open_bar) == 1  # only the bar without an upper bound is hatched


def test_charts_and_maps_are_deterministic():
    points = [
        MapPoint("Zahedan", 29.4963, 60.8629, 3, "Zahedan: 3 incidents", "places/a.html"),
        MapPoint("Mahabad", 36.7631, 45.7222, 1, "Mahabad: 1 incident"),
    ]
    assert range_chart(BARS, title="t", desc="d") == range_chart(list(BARS), title="t", desc="d")
    assert point_map(points, title="t", desc="d") == point_map(points[::-1], title="t", desc="d")


def test_map_links_places_and_sizes_circles_by_value():
    points = [
        MapPoint("Zahedan", 29.4963, 60.8629, 9, "Zahedan: 9", "places/z.html"),
        MapPoint("Mahabad", 36.7631, 45.7222, 1, "Mahabad: 1", "places/m&n.html"),
    ]
    root = ET.fromstring(point_map(points, title="Where", desc="Circles by count."))
    assert root.get("role") == "group"  # not "img": that would hide the links inside
    assert [t.text for t in root.iter(f"{NS}title")][1:] == ["Zahedan: 9", "Mahabad: 1"]
    links = [a.get("href") for a in root.iter(f"{NS}a")]
    assert links == ["places/z.html", "places/m&n.html"]
    radii = [float(c.get("r")) for c in root.iter(f"{NS}circle")]
    assert radii[0] > radii[1] >= 3
    for c in root.iter(f"{NS}circle"):
        x, y = float(c.get("cx")), float(c.get("cy"))
        assert 0 <= x <= 720 and 0 <= y <= 420
    assert {t.text for t in root.iter(f"{NS}text")} >= {"Zahedan", "Mahabad"}


def test_empty_inputs_say_so():
    assert "No data" in range_chart([], title="t", desc="d")
    assert "No placed incidents" in point_map([], title="t", desc="d")
    ET.fromstring(range_chart([], title="t", desc="d"))


def test_ticks_are_round_and_cover_the_top():
    assert nice_ticks(96) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(123_456)[-1] >= 123_456
