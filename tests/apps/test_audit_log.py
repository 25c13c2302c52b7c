import pytest
from django.db import DatabaseError, connection, transaction

from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.audit.services import audit_record, audit_verify
from tallybook.core.audit import GENESIS

pytestmark = pytest.mark.django_db


def _three_events():
    return [audit_record(by=None, action=f"test.step{i}", after={"i": i}) for i in range(3)]


def test_events_chain_from_genesis():
    a, b, c = _three_events()
    assert a.prev_hash == GENESIS
    assert b.prev_hash == a.hash and c.prev_hash == b.hash
    assert a.actor.startswith("cli:")
    assert audit_verify() is None


def test_orm_refuses_to_change_or_delete_an_event():
    event = _three_events()[0]
    event.action = "forged"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_database_refuses_update_of_an_event():
    event = _three_events()[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")


def _drop_guard():
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("DROP TRIGGER audit_event_no_update ON audit_auditevent")
        else:
            cur.execute("DROP TRIGGER audit_event_no_update")


def test_direct_edit_in_the_database_is_detected():
    events = _three_events()
    _drop_guard()  # someone with the database file in hand
    AuditEvent.objects.filter(pk=events[1].pk).update(after={"i": 42})
    broken = audit_verify()
    assert broken is not None
    assert broken.seq == events[1].pk


def test_verify_command_names_the_first_broken_link_after_a_direct_edit():
    from click.testing import CliRunner

    from tallybook.cli.main import cli

    events = _three_events()
    assert CliRunner().invoke(cli, ["verify"]).exit_code == 0
    _drop_guard()
    # A reviewer's decision rewritten behind the application's back, then a later one too.
    AuditEvent.objects.filter(pk=events[1].pk).update(actor="user:someone-else")
    AuditEvent.objects.filter(pk=events[2].pk).update(after={"i": 99})
    result = CliRunner().invoke(cli, ["verify"])
    assert result.exit_code == 1
    [line] = [ln for ln in result.output.splitlines() if ln.startswith("BROKEN")]
    assert f"audit event #{events[1].pk}:" in line


def test_an_event_deleted_from_the_middle_is_detected():
    events = _three_events()
    _drop_guard()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    broken = audit_verify()
    assert broken is not None and broken.seq == events[2].pk
