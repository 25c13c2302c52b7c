"""This process's broker and hub, made once from the settings.

The broker is shared by writers (services publish to it after commit) and by the hub
that feeds the open streams of this process.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.http.request import split_domain_port, validate_host

from tallybook import config
from tallybook.live import Broker, Hub, open_broker
from tallybook.live.asgi import StreamApp

from .selectors import DjangoEventStore

_lock = threading.Lock()
_broker: Broker | None = None
_hub: Hub | None = None


def broker() -> Broker:
    global _broker
    with _lock:
        if _broker is None:
            _broker = open_broker(settings.LIVE_BROKER, database_url=config.get("DATABASE_URL"))
        return _broker


def hub() -> Hub:
    global _hub
    b = broker()
    with _lock:
        if _hub is None:
            _hub = Hub(DjangoEventStore(), b, poll_seconds=float(settings.LIVE_POLL_SECONDS))
        return _hub


def reset() -> None:
    """Forget the broker and hub (tests switch brokers between runs)."""
    global _broker, _hub
    with _lock:
        if _broker is not None:
            _broker.close()
        _broker, _hub = None, None


def host_allowed(host: str) -> bool:
    domain, _port = split_domain_port(host)
    return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)


def stream_app() -> StreamApp:
    return StreamApp(
        hub(), allowed_host=host_allowed, per_address=settings.LIVE_STREAMS_PER_ADDRESS
    )
