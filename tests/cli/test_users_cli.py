"""`tallybook users`: accounts and roles from the command line, audited."""

import pytest
from click.testing import CliRunner

from tallybook.apps.accounts.models import User
from tallybook.apps.audit.models import AuditEvent
from tallybook.cli.main import cli

pytestmark = pytest.mark.django_db


def test_create_prints_a_generated_password_once_and_it_works(client):
    result = CliRunner().invoke(cli, ["users", "create", "rana", "--role", "analyst"])
    assert result.exit_code == 0, result.output
    password = result.output.split("password: ")[1].split()[0]
    assert User.objects.get(username="rana").role == "analyst"
    assert client.login(username="rana", password=password)
    assert AuditEvent.objects.filter(action="user.create").count() == 1


def test_role_change_and_list(monkeypatch):
    monkeypatch.setenv("TALLYBOOK_NEW_PASSWORD", "a-long-passphrase-9")
    runner = CliRunner()
    assert "password:" not in runner.invoke(cli, ["users", "create", "omid"]).output
    assert runner.invoke(cli, ["users", "role", "omid", "editor"]).exit_code == 0
    assert "omid" in runner.invoke(cli, ["users", "list"]).output
    assert User.objects.get(username="omid").role == "editor"


def test_bad_input_names_the_problem(monkeypatch):
    runner = CliRunner()
    runner.invoke(cli, ["users", "create", "omid"])
    again = runner.invoke(cli, ["users", "create", "omid"])
    assert again.exit_code == 2 and "already exists" in again.output
    missing = runner.invoke(cli, ["users", "role", "nobody", "admin"])
    assert missing.exit_code == 2 and "no account named 'nobody'" in missing.output
    assert runner.invoke(cli, ["users", "role", "omid", "overlord"]).exit_code == 2
    monkeypatch.setenv("TALLYBOOK_NEW_PASSWORD", "123")
    weak = runner.invoke(cli, ["users", "create", "weak"])
    assert weak.exit_code == 2 and "password is refused" in weak.output
    assert not User.objects.filter(username="weak").exists()
