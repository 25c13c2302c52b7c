"""Downloads: CSV safe in a spreadsheet, JSON and GeoJSON sorted and stable; Atom and sitemap."""

import csv
import io
import json

import pytest
from defusedxml import ElementTree as ET

from tallybook.publish.data import csv_cell, to_csv, to_geojson, to_json
from tallybook.publish.feeds import Entry, atom_feed, href, sitemap

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_that_a_spreadsheet_would_run_get_an_apostrophe(start):
    value = f'{start}HYPERLINK("https://evil.example")'
    assert csv_cell(value) == "'" + value
    rows = list(csv.reader(io.StringIO(to_csv(["quote"], [{"quote": value}]).decode())))
    assert rows[1] == ["'" + value]


def test_ordinary_cells_and_numbers_stay_as_they_are():
    assert csv_cell("12 people died") == "12 people died"
    assert csv_cell(-12) == -12 and csv_cell(0) == 0  # a number is never text
    assert csv_cell(None) == "" and csv_cell(True) == "true"
    assert csv_cell(["a", "b"]) == "a;b"
    text = to_csv(["min", "max"], [{"min": 41, "max": None}]).decode()
    assert text == "min,max\n41,\n"


def test_json_and_geojson_are_sorted_and_stable():
    assert to_json({"b": 1, "a": "Zāhedān"}) == '{\n "a": "Zāhedān",\n "b": 1\n}\n'.encode()
    geo = json.loads(to_geojson([(60.862912345, 29.4963, {"incident_id": 7})]))
    assert geo["features"][0]["geometry"] == {"type": "Point", "coordinates": [60.86291, 29.4963]}


def test_atom_feed_is_valid_and_links_relative_to_itself():
    entry = Entry(
        "urn:tallybook:incident:7",
        "killed · Zahedan <&>",
        "incidents/7.html",
        "2022-09-30",
        "12–96 killed",
        ("killed",),
    )
    feed = atom_feed(
        path="feeds/category-killed.atom",
        feed_id="urn:x",
        title="killed",
        page="categories/killed.html",
        updated="2022-10-01",
        entries=[entry],
        base_url=None,
    )
    root = ET.fromstring(feed)
    assert root.find(f"{ATOM}updated").text == "2022-10-01T00:00:00Z"
    [e] = root.findall(f"{ATOM}entry")
    assert e.find(f"{ATOM}title").text == "killed · Zahedan <&>"
    assert e.find(f"{ATOM}link").get("href") == "../incidents/7.html"
    absolute = atom_feed(
        path="feeds/a.atom",
        feed_id="urn:x",
        title="t",
        page="index.html",
        updated="2022-10-01",
        entries=[entry],
        base_url="https://t.example/r/",
    )
    assert b'href="https://t.example/r/incidents/7.html"' in absolute


def test_sitemap_lists_pages_sorted():
    root = ET.fromstring(sitemap(["b.html", "a/c.html"], base_url="https://t.example"))
    locs = [u[0].text for u in root]
    assert locs == ["https://t.example/a/c.html", "https://t.example/b.html"]
    assert href("index.html", base_url=None, from_path="sitemap.xml") == "index.html"
