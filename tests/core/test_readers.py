"""Readers: every hostile input is refused quickly, cheaply and with a clear reason."""

from __future__ import annotations

import codecs
import gzip
import time
import tracemalloc
import zlib
from datetime import date

import pytest

from tallybook.core.errors import InputRejected
from tallybook.core.readers import Limits, read_document
from tallybook.core.readers.compressed import gunzip_bounded
from tallybook.core.readers.detect import sniff
from tallybook.core.readers.pdf import PAGE_BREAK
from tallybook.core.readers.text import decode
from tests.pdfgen import MAX_LINES, assemble, make_pdf, stream_object

MIB = 2**20

ARTICLE = b"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Forty arrested in Zahedan protest | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2023-09-30T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Forty arrested in Zahedan protest</h1>
<p>Security forces arrested at least 40 people in Zahedan on Friday, according to a local
rights group that has been monitoring the city since the start of the unrest.</p>
<p>Witnesses said more than 12 people were injured when police fired on the crowd outside
the main mosque after prayers. The group said the number could rise.</p>
<p>Authorities did not respond to a request for comment on Saturday.</p>
</article><footer>Copyright 2023 Example News</footer></body></html>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<lolz>&lol9;</lolz>"""


def _rejected(data: bytes, match: str, **kwargs) -> InputRejected:
    with pytest.raises(InputRejected, match=match) as caught:
        read_document(data, **kwargs)
    return caught.value


def _gzip(data: bytes) -> bytes:
    packer = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


# --- compression bombs ---------------------------------------------------------------------


def test_gzip_bomb_is_refused_without_allocating_its_size():
    bomb = _gzip(bytes(50 * MIB))  # 50 MiB of zeros in about 50 KiB
    limits = Limits(max_decompressed_bytes=1 * MIB, max_ratio=10**9)
    tracemalloc.start()
    started = time.monotonic()
    try:
        _rejected(bomb, "expands to more than 1,048,576 bytes", limits=limits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 2
    assert peak < 8 * MIB


def test_gzip_ratio_bomb_is_refused():
    bomb = _gzip(bytes(20 * MIB))
    _rejected(bomb, "expands more than 100 times")


def test_gzip_of_a_page_is_read_as_its_inner_type():
    document = read_document(gzip.compress(ARTICLE), filename="article.html.gz")
    assert document.media_type == "text/html"
    assert document.title == "Forty arrested in Zahedan protest"


def test_concatenated_gzip_members_are_one_file():
    data = gzip.compress(b"first part, ") + gzip.compress(b"second part")
    assert gunzip_bounded(data, Limits()) == b"first part, second part"


def test_truncated_and_damaged_gzip_are_refused():
    packed = gzip.compress(b"some text that is long enough to be cut " * 100)
    _rejected(packed[: len(packed) // 2], "truncated")
    _rejected(packed[:10] + b"\xff" * 40, "damaged")


def test_gzip_inside_gzip_is_refused():
    _rejected(gzip.compress(gzip.compress(b"hello")), "compressed twice")


# --- entity bombs --------------------------------------------------------------------------


def test_billion_laughs_xml_is_refused():
    _rejected(BILLION_LAUGHS, "entities")


def test_quadratic_blowup_xml_is_refused():
    big = "x" * 100_000
    data = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "{big}">]><r>{"&a;" * 10_000}</r>'
    started = time.monotonic()
    _rejected(data.encode(), "entities")
    assert time.monotonic() - started < 1


def test_xhtml_with_entity_declarations_is_refused():
    page = b"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head>
<body><p>&b;&b;&b;&b;</p></body></html>"""
    assert sniff(page, None, None) == "text/html"
    _rejected(page, "entities")


def test_html_with_lower_case_entity_declaration_is_refused():
    _rejected(b'<!doctype html [<!entity x "y">]><html><body><p>&x;</p></body></html>', "entit")


def test_xml_with_external_entity_is_refused():
    data = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    _rejected(data, "entities")


def test_plain_xml_is_read():
    data = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<report><title>Arrests in Caf\xe9 district</title><item>12 people were detained.</item></report>"""
    document = read_document(data)
    assert document.media_type == "application/xml"
    assert document.title == "Arrests in Caf\u00e9 district"
    assert "12 people were detained." in document.text


def test_malformed_xml_is_refused():
    _rejected(b'<?xml version="1.0"?><r><unclosed></r>', "malformed")


# --- size ----------------------------------------------------------------------------------


def test_input_over_max_bytes_is_refused_before_reading():
    _rejected(
        b"%PDF-" + b"x" * 2000, "larger than the limit of 1,000", limits=Limits(max_bytes=1000)
    )


def test_text_over_max_text_chars_is_refused():
    _rejected(b"word " * 1000, "more than the limit of 100", limits=Limits(max_text_chars=100))


# --- encodings -----------------------------------------------------------------------------


def test_invalid_utf8_is_refused_with_its_offset():
    data = b"a" * 1234 + b"\xff" + b"rest"
    error = _rejected(data, "not valid UTF-8 at byte 1234 .* no charset is declared")
    assert "mixed or unknown encoding" in error.reason


def test_mixed_utf8_and_cp1252_is_refused():
    data = "Tehran: \u0627\u0639\u062a\u0642\u0627\u0644 ".encode() + "caf\u00e9".encode("cp1252")
    _rejected(data, f"at byte {len(data) - 1} ")


def test_declared_charset_in_html_meta_is_used():
    arabic = "\u0627\u0639\u062a\u0642\u0627\u0644 40 \u0634\u062e\u0635\u0627 \u0641\u064a"
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1256'>"
        f"</head><body><p>{arabic} \u0632\u0627\u0647\u062f\u0627\u0646</p></body></html>"
    ).encode("cp1256")
    with pytest.raises(UnicodeDecodeError):
        page.decode("utf-8")
    assert arabic in read_document(page).text


def test_declared_charset_from_the_server_is_used():
    data = "Caf\u00e9 owners said 3 people were arrested.".encode("cp1252")
    assert read_document(data, charset="windows-1252").text.startswith("Caf\u00e9")


def test_text_invalid_in_its_declared_charset_is_refused():
    # 0x81 is undefined in windows-1252 (as in ISO-8859-1, which browsers read as 1252).
    _rejected(b"caf\xe9 \x81", "not valid iso-8859-1 at byte 5", charset="iso-8859-1")


def test_unknown_declared_charset_is_refused():
    _rejected(b"caf\xe9", "not a known text encoding", charset="base64")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_text_with_bom_is_decoded(encoding):
    text = "Line one\r\nSecond line: caf\u00e9"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    document = read_document(data)
    assert document.text == "Line one\nSecond line: caf\u00e9"
    assert document.title == "Line one"


def test_utf16_html_with_bom_is_read():
    document = read_document(ARTICLE.decode().replace("utf-8", "utf-16").encode("utf-16"))
    assert document.title == "Forty arrested in Zahedan protest"


def test_text_is_normalised_to_nfc_and_unix_newlines():
    assert decode("e\u0301\r\nx\ry".encode()) == "\u00e9\nx\ny"


def test_plain_text_document():
    document = read_document(b"\n  Report on arrests  \n\nAt least 40 people.\n", filename="r.txt")
    assert document.media_type == "text/plain"
    assert document.title == "Report on arrests"
    assert "At least 40 people." in document.text


def test_empty_text_is_refused():
    _rejected(b"  \n\n ", "no readable text")


# --- binaries ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "Windows program"),
        (b"\x7fELF\x02\x01\x01", "Linux program"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    ],
)
def test_binary_files_are_refused_by_type(data, kind):
    _rejected(data, f"not a supported type \\(looks like an? {kind}")


def test_text_with_nul_bytes_is_refused():
    _rejected(b"looks like text" + b"\x00" * 3 + b"but is not", "NUL bytes", filename="a.txt")


def test_text_that_starts_like_a_short_magic_is_still_text():
    assert read_document(b"MZ Zahedan: 3 arrested").text == "MZ Zahedan: 3 arrested"


@pytest.mark.parametrize(
    ("data", "filename", "declared", "expected"),
    [
        (b"\n  <!DOCTYPE html><html><body>x", None, None, "text/html"),
        (b"<!-- c --><p>Hello</p>", None, None, "text/html"),
        (b"<?xml version='1.0'?><rss></rss>", None, None, "application/xml"),
        (b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", None, None,
         "text/html"),
        (b"Hello <b>there</b>", "a.html", None, "text/html"),
        (b"Hello there", None, "text/html; charset=utf-8", "text/html"),
        (b"<r/>", "a.xml", None, "application/xml"),
        (b"# Notes\n\nsee <html> tags", "notes.md", None, "text/plain"),
        (b"junk before %PDF-1.4", "a.txt", "text/plain", "application/pdf"),
        (b"\x1f\x8b\x08\x00", "a.txt", None, "application/gzip"),
    ],
)  # fmt: skip
def test_sniff(data, filename, declared, expected):
    assert sniff(data, filename, declared) == expected


# --- HTML ----------------------------------------------------------------------------------


def test_news_article_text_and_metadata():
    document = read_document(ARTICLE, url="https://news.example.org/2023/zahedan")
    assert document.media_type == "text/html"
    assert document.title == "Forty arrested in Zahedan protest"
    assert document.publisher == "Example News"
    assert document.author == "Jane Doe"
    assert document.published == date(2023, 9, 30)
    assert document.language == "en"
    assert document.url == "https://news.example.org/2023/zahedan"
    assert "arrested at least 40 people in Zahedan" in document.text
    assert "\n\nWitnesses said more than 12 people" in document.text  # paragraphs kept
    assert "Home" not in document.text and "Copyright" not in document.text


def test_page_without_an_article_falls_back_to_body_text():
    page = b"<html><head><style>p{}</style></head><body><div>Detained: 3</div>"
    page += b"<script>var x = 1;</script><div>Released:   1</div></body></html>"
    document = read_document(page)
    assert "Detained: 3" in document.text and "Released: 1" in document.text
    assert "var x" not in document.text


def test_page_without_text_is_refused():
    _rejected(b"<html><body><script>x()</script></body></html>", "no readable text")


# --- PDF -----------------------------------------------------------------------------------


def test_two_page_pdf_with_page_offsets_and_metadata():
    first = "Report (2023) on arrests\nAt least 40 people were detained in Zahedan.\n" + (
        "This sentence is long enough to be wrapped onto a second line of the page. " * 3
    )
    second = "Page two: a back\\slash and 12 injured."
    data = make_pdf([first, second], title="Zahedan report", author="Rights Group",
                    created=date(2023, 10, 2))  # fmt: skip
    document = read_document(data)
    assert document.media_type == "application/pdf"
    assert document.title == "Zahedan report"
    assert document.author == "Rights Group"
    assert document.published == date(2023, 10, 2)
    assert [p.number for p in document.pages] == [1, 2]
    one, two = document.pages
    assert one.start == 0 and two.end == len(document.text)
    assert document.text[one.end : two.start] == PAGE_BREAK
    page_one, page_two = (document.text[p.start : p.end] for p in document.pages)
    assert page_one.startswith("Report (2023) on arrests\nAt least 40 people")
    assert "wrapped onto a second line" in page_one
    assert page_two == second


def test_pdf_with_more_pages_than_allowed_is_refused():
    _rejected(make_pdf(["a", "b", "c"]), "has 3 pages; at most 2", limits=Limits(max_pdf_pages=2))


def test_pdf_without_text_layer_is_refused():
    _rejected(make_pdf(["", ""]), r"no text layer \(scanned\?\); OCR is not done")


def test_pdf_with_page_tree_pointing_to_itself_is_refused():
    data = assemble(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]
    )
    _rejected(data, "PDF is damaged")


def test_pdf_with_page_tree_cycle_through_parent_is_refused():
    data = assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        ]
    )
    _rejected(data, "PDF is damaged")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n" + b"garbage " * 200,
        make_pdf(["Some text on a page"])[:300],
    ],
    ids=["garbage", "truncated"],
)
def test_damaged_pdf_is_refused_with_pdfiums_reason(data):
    _rejected(data, "PDF is damaged: Data format error")


def test_encrypted_pdf_is_refused():
    # A standard security handler whose user password is not empty: no reader can open it.
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"11" * 32, b"22" * 32)
    data = assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            stream_object(b"BT ET"),
            encrypt,
        ],
        trailer_extra=b" /Encrypt 5 0 R /ID [<%s> <%s>]" % (b"33" * 16, b"33" * 16),
    )
    _rejected(data, "encrypted with a password")


# --- the PDF helper itself -----------------------------------------------------------------


def test_make_pdf_escapes_and_wraps():
    text = "a (nested (paren)) and a back\\slash " + "word " * 60
    document = read_document(make_pdf([text]))
    assert document.text.startswith("a (nested (paren)) and a back\\slash word")
    assert document.text.count("\n") >= 2  # wrapped
    assert document.text.split() == text.split()


def test_make_pdf_refuses_what_it_cannot_write():
    with pytest.raises(ValueError, match="Helvetica"):
        make_pdf(["\u0627\u0639\u062a\u0642\u0627\u0644"])
    with pytest.raises(ValueError, match="at most"):
        make_pdf(["line\n" * (MAX_LINES + 1)])
    with pytest.raises(ValueError):
        make_pdf([])


def test_head_metadata_prefers_open_graph_and_strips_the_site_from_title():
    from tallybook.core.readers.html import head_metadata

    html = (
        "<html><head><title>Nine held in Ilam | Hill Post</title>"
        '<meta property="og:site_name" content="Hill Post">'
        '<meta name="author" content="R. Karimi &amp; S. Ahmadi">'
        "<meta property='article:published_time' content='2024-05-02T08:00:00Z'>"
        "</head><body><p>x</p></body></html>"
    )
    meta = head_metadata(html)
    assert meta["title"] == "Nine held in Ilam"
    assert meta["publisher"] == "Hill Post"
    assert meta["author"] == "R. Karimi & S. Ahmadi"
    assert meta["published"].isoformat() == "2024-05-02"
    og = head_metadata('<head><meta property="og:title" content="A - B - C d e f"></head>')
    assert og["title"] == "A - B - C d e f"  # og:title is the article's own
