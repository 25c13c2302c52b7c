"""`tallybook token` and `tallybook openapi`."""

import json

import pytest
from click.testing import CliRunner

from tallybook.apps.api.models import ApiToken
from tallybook.apps.api.selectors import token_for
from tallybook.cli.main import cli

pytestmark = pytest.mark.django_db


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_token_create_prints_it_once_and_revoke_by_prefix(user_with_role):
    user_with_role("analyst")
    created = run("token", "create", "analyst", "--name", "laptop")
    assert created.exit_code == 0, created.output
    raw = created.stdout.strip().splitlines()[0]
    assert token_for(raw).user.username == "analyst"
    prefix = ApiToken.objects.get().prefix
    listing = run("token", "list")
    assert prefix in listing.output and "laptop" in listing.output and raw not in listing.output
    revoked = run("token", "revoke", prefix)
    assert revoked.exit_code == 0 and "revoked" in revoked.output
    assert token_for(raw) is None
    again = run("token", "revoke", prefix)
    assert again.exit_code == 2 and "already revoked" in again.output


def test_token_errors_name_the_problem():
    assert "no user is named 'nobody'" in run("token", "create", "nobody").output
    assert "no token starts with" in run("token", "revoke", "tb_nothing1").output


def test_openapi_prints_the_document():
    result = run("openapi")
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["info"]["title"] == "tallybook"
    assert "/api/v1/claims/" in document["paths"]
