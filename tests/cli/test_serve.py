"""`tallybook serve` runs the ASGI application under uvicorn."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner

from tallybook.cli.main import cli


@pytest.fixture
def uvicorn_calls(monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    return calls


@pytest.mark.django_db
def test_serve_runs_uvicorn_on_the_asgi_application(uvicorn_calls):
    result = CliRunner().invoke(cli, ["serve", "--host", "127.0.0.1", "--port", "8732"])
    assert result.exit_code == 0, result.output
    assert "serving at http://127.0.0.1:8732/" in result.output
    [(app, kw)] = uvicorn_calls
    assert app == "tallybook.site.asgi:application"
    assert (kw["host"], kw["port"], kw["workers"], kw["lifespan"]) == ("127.0.0.1", 8732, 1, "on")


@pytest.mark.django_db
def test_several_workers_need_a_shared_broker(uvicorn_calls, settings):
    result = CliRunner().invoke(cli, ["serve", "--workers", "2"])
    assert result.exit_code == 2
    assert "TALLYBOOK_LIVE_BROKER" in result.output and not uvicorn_calls
    settings.LIVE_BROKER = "redis://127.0.0.1:6379/0"
    result = CliRunner().invoke(cli, ["serve", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert uvicorn_calls[0][1]["workers"] == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_a_real_server_answers_pages_static_files_and_the_stream(tmp_path):
    port = _free_port()
    env = {**os.environ, "TALLYBOOK_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "tallybook.cli.main", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                page = urllib.request.urlopen(f"{base}/live/", timeout=2)
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("the server did not answer within 30 s")
        assert page.status == 200 and b"Live board" in page.read()
        css = urllib.request.urlopen(f"{base}/static/live/board.css", timeout=5)
        assert css.status == 200
        with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
            conn.sendall(b"GET /live/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            got = b""
            while b": connected" not in got:
                got += conn.recv(4096)
        assert b"text/event-stream" in got
    finally:
        server.terminate()
        server.wait(10)
