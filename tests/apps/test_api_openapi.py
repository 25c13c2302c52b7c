"""The committed OpenAPI document is the live one, and no generated request gets a 5xx."""

import json
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

from tallybook.cli.openapi import openapi_text

from .api_world import build_world

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_committed_openapi_document_is_the_live_one():
    live = openapi_text()
    committed = COMMITTED.read_text() if COMMITTED.exists() else ""
    assert json.loads(committed or "{}") == json.loads(live), (
        "docs/openapi.json is out of date: regenerate it with "
        "`tallybook openapi > docs/openapi.json` and commit it"
    )


app = get_wsgi_application()
# Fuzzing only, a few examples per operation: the suite stays under a minute.
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=CONFIG)


@pytest.fixture
def analyst_headers(db, user_with_role, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    world = build_world(user_with_role)
    # Requests run inside the test's transaction: keep Django from closing the
    # connection at each request's start and end, as its own test client does.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield world.auth("analyst")
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    database=None,  # no example database written into the working tree
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case, analyst_headers):
    case.call_and_validate(headers=analyst_headers, checks=[not_a_server_error])
