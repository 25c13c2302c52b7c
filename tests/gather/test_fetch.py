"""Downloads, against a local server on 127.0.0.1 only."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from datetime import UTC
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tallybook import __version__
from tallybook.core.errors import InputRejected
from tallybook.core.readers import Limits
from tallybook.gather.fetch import fetch

PAGE = "<html><head><title>Caf\u00e9</title></head><body><p>40 arrested</p></body></html>"
LIMITS = Limits(max_bytes=100_000)


class Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if "Content-Length" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - the name http.server calls
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/page": lambda: self._send(
                200, PAGE.encode("cp1252"), {"Content-Type": "text/html; charset=windows-1252"}
            ),
            "/redirect": lambda: self._send(302, headers={"Location": "/page"}),
            "/loop": lambda: self._send(302, headers={"Location": "/loop"}),
            "/to-file": lambda: self._send(302, headers={"Location": "file:///etc/passwd"}),
            "/missing": lambda: self._send(404, b"not here"),
            "/huge": self._huge,
            "/endless": self._endless,
            "/slow": self._slow,
        }
        routes.get(self.path, lambda: self._send(404))()

    def _huge(self):
        # Claims 10 GB; a client that trusts the claim stops before reading anything.
        self._send(200, b"x" * 10, {"Content-Length": str(10**10)})

    def _endless(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Connection", "close")
        self.end_headers()
        with contextlib.suppress(OSError):  # the client hangs up, as it should
            for _ in range(10_000):  # 640 MB at most, so the thread always ends
                self.wfile.write(b"y" * 65536)

    def _slow(self):
        time.sleep(2)
        with contextlib.suppress(OSError):  # the client has given up by now
            self._send(200, b"late")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    # A proxy from the environment must not see (or break) requests to the local server.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def test_page_is_fetched_with_type_charset_and_time(server):
    fetched = fetch(f"{server}/page", limits=LIMITS)
    assert fetched.status == 200
    assert fetched.url == f"{server}/page"
    assert fetched.content == PAGE.encode("cp1252")
    assert fetched.media_type == "text/html"
    assert fetched.charset == "windows-1252"
    assert fetched.headers["content-type"] == "text/html; charset=windows-1252"
    assert fetched.retrieved.tzinfo is UTC
    assert Handler.seen_agents[-1] == f"tallybook/{__version__}"


def test_redirect_is_followed_to_the_final_url(server):
    fetched = fetch(f"{server}/redirect", limits=LIMITS)
    assert fetched.url == f"{server}/page"
    assert fetched.status == 200


def test_redirect_loop_is_refused(server):
    with pytest.raises(InputRejected, match="more than 5 redirects"):
        fetch(f"{server}/loop", limits=LIMITS)


def test_redirect_to_another_scheme_is_refused(server):
    with pytest.raises(InputRejected, match="only http and https"):
        fetch(f"{server}/to-file", limits=LIMITS)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:x", "http://"]
)
def test_other_schemes_are_refused_without_a_request(url):
    with pytest.raises(InputRejected, match="only http and https"):
        fetch(url, limits=LIMITS)


def test_http_error_status_is_refused(server):
    with pytest.raises(InputRejected, match="the server answered 404 Not Found"):
        fetch(f"{server}/missing", limits=LIMITS)


def test_declared_oversize_is_refused_before_reading(server):
    started = time.monotonic()
    with pytest.raises(InputRejected, match="says the page is 10,000,000,000 bytes"):
        fetch(f"{server}/huge", limits=LIMITS)
    assert time.monotonic() - started < 2


def test_endless_body_is_cut_at_the_limit(server):
    with pytest.raises(InputRejected, match="larger than 100,000 bytes; download stopped"):
        fetch(f"{server}/endless", limits=LIMITS)


def test_slow_server_times_out(server):
    started = time.monotonic()
    with pytest.raises(InputRejected, match="did not answer within 0.3 s"):
        fetch(f"{server}/slow", limits=LIMITS, timeout=0.3)
    assert time.monotonic() - started < 1.5


def test_connection_refused_is_refused_with_the_reason():
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputRejected, match="could not connect"):
        fetch(f"http://127.0.0.1:{port}/", limits=LIMITS, timeout=2)


def test_a_given_client_is_used_and_left_open(server):
    with httpx.Client() as client:
        assert fetch(f"{server}/page", limits=LIMITS, client=client).status == 200
        assert not client.is_closed
