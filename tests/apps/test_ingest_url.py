"""Ingest from URLs, against a server on this machine only."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tallybook.apps.sources.models import Source
from tallybook.apps.sources.services import ingest_inputs

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(article_html):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            if self.path == "/old":
                self.send_response(301)
                self.send_header("Location", "/news/rasht")
                self.end_headers()
            elif self.path == "/news/rasht":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("X-Archive-Test", "kept")
                self.end_headers()
                self.wfile.write(article_html)
            else:
                self.send_response(404)
                self.end_headers()

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_is_fetched_archived_with_headers_and_final_address(server):
    [result] = ingest_inputs([f"{server}/old"])
    assert result.ok and result.created
    source = result.source
    assert source.url == f"{server}/news/rasht"
    assert "twelve students" in source.text
    receipt = source.receipts.get()
    assert receipt.origin == f"{server}/old"
    assert receipt.http_status == 200
    assert {k.lower(): v for k, v in receipt.http_headers.items()}["x-archive-test"] == "kept"


def test_missing_page_is_refused_and_others_go_on(server, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Activists said 5 people were detained in Sanandaj.\n")
    results = list(ingest_inputs([f"{server}/gone", str(note)]))
    assert "404" in results[0].error
    assert results[1].created
    assert Source.objects.count() == 1
