"""Download one URL, bounded in size and time, refusing instead of guessing.

Redirects are followed here rather than by httpx so that every hop is held
to the same rules (http or https only, at most MAX_REDIRECTS). The body is
streamed and dropped as soon as it passes the limit, so a server that
sends forever costs at most `max_bytes` plus one network chunk.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from tallybook import __version__
from tallybook.core.errors import InputRejected
from tallybook.core.readers import Limits

MAX_REDIRECTS = 5
USER_AGENT = f"tallybook/{__version__}"
# A server that drips one byte per `timeout` never trips the read timeout; this caps the total.
TOTAL_TIME_FACTOR = 10
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Fetched:
    url: str
    """The final URL, after redirects."""
    status: int
    headers: dict[str, str]
    """Response headers, names in lower case; repeated headers joined with ", "."""
    content: bytes
    media_type: str | None
    charset: str | None
    retrieved: datetime
    """When the download finished, in UTC."""


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputRejected(f"only http and https addresses are fetched, not {url[:200]!r}")


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    media_type, *params = (part.strip() for part in value.split(";"))
    charset = None
    for param in params:
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset" and val.strip().strip("\"'"):
            charset = val.strip().strip("\"'")
    return media_type.lower() or None, charset


def _read_body(response: httpx.Response, limits: Limits, deadline: float) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > limits.max_bytes:
        raise InputRejected(
            f"the server says the page is {int(length):,} bytes, "
            f"larger than the limit of {limits.max_bytes:,}"
        )
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limits.max_bytes:
            raise InputRejected(
                f"the page is larger than {limits.max_bytes:,} bytes; download stopped"
            )
        if time.monotonic() > deadline:
            raise InputRejected("the download took too long; stopped")
    return bytes(body)


def _get(client: httpx.Client, url: str, limits: Limits, timeout: float) -> Fetched:
    deadline = time.monotonic() + timeout * TOTAL_TIME_FACTOR
    for _ in range(MAX_REDIRECTS + 1):
        _check_scheme(url)
        request = client.build_request(
            "GET", url, headers={"User-Agent": USER_AGENT}, timeout=httpx.Timeout(timeout)
        )
        response = client.send(request, stream=True, follow_redirects=False)
        try:
            if response.status_code in _REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise InputRejected(
                        f"the server redirected ({response.status_code}) to nowhere"
                    )
                url = str(response.url.join(location))
                continue
            if not 200 <= response.status_code < 300:
                phrase = response.reason_phrase or ""
                raise InputRejected(f"the server answered {response.status_code} {phrase}".strip())
            content = _read_body(response, limits, deadline)
            retrieved = datetime.now(UTC)
            media_type, charset = _content_type(response.headers.get("content-type"))
            return Fetched(
                url=str(response.url),
                status=response.status_code,
                headers={k.lower(): v for k, v in response.headers.items()},
                content=content,
                media_type=media_type,
                charset=charset,
                retrieved=retrieved,
            )
        finally:
            response.close()
    raise InputRejected(f"more than {MAX_REDIRECTS} redirects; stopped")


def fetch(
    url: str, *, limits: Limits, timeout: float = 20.0, client: httpx.Client | None = None
) -> Fetched:
    """GET `url`; any network or HTTP problem is an InputRejected with the reason."""
    _check_scheme(url)
    own = client is None
    if client is None:
        client = httpx.Client()
    try:
        return _get(client, url, limits, timeout)
    except InputRejected:
        raise
    except httpx.TimeoutException:
        raise InputRejected(f"the server did not answer within {timeout:g} s") from None
    except httpx.ConnectError as exc:
        raise InputRejected(f"could not connect to the server: {exc}") from None
    except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:  # protocol errors, bad URLs
        raise InputRejected(f"the download failed: {exc}") from None
    finally:
        if own:
            client.close()
