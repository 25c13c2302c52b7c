"""`tallybook live group`: groups are made and changed through the service (audited)."""

import pytest
from click.testing import CliRunner

from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.live.models import ContributorGroup
from tallybook.cli.main import cli

pytestmark = pytest.mark.django_db


def test_create_trust_and_add_members(django_user_model):
    django_user_model.objects.create_user("sara", password=None, role="contributor")
    runner = CliRunner()
    made = runner.invoke(cli, ["live", "group", "Gilan Watch (fictional)", "--country", "ir"])
    assert made.exit_code == 0, made.output
    assert "needs approval, 0 member(s)" in made.output
    changed = runner.invoke(
        cli, ["live", "group", "Gilan Watch (fictional)", "--trusted", "--member", "sara"]
    )
    assert changed.exit_code == 0 and "[IR]  trusted, 1 member(s)" in changed.output
    group = ContributorGroup.objects.get()
    assert group.trusted and group.country == "IR"
    assert AuditEvent.objects.filter(action__startswith="live.group.").count() == 2
    listed = runner.invoke(cli, ["live", "groups"])
    assert "Gilan Watch (fictional)" in listed.output


def test_bad_input_names_the_option():
    runner = CliRunner()
    unknown = runner.invoke(cli, ["live", "group", "X (fictional)", "--member", "nobody"])
    assert unknown.exit_code == 2 and "--member nobody: no such user" in unknown.output
    bad = runner.invoke(cli, ["live", "group", "X (fictional)", "--country", "ZZ"])
    assert bad.exit_code == 2 and "--country: country 'ZZ' is not" in bad.output
    assert not ContributorGroup.objects.exists()
