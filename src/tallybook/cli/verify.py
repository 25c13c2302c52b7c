import click

from . import db


@click.command()
def verify() -> None:
    """Re-hash every archived original and check the audit log's chain.

    Names each original that changed or went missing, and the first broken
    link of the audit chain. Exit status 1 when anything is wrong.
    """
    db.setup()
    from tallybook.apps.audit.models import AuditEvent
    from tallybook.apps.audit.services import audit_verify
    from tallybook.apps.sources.models import Source
    from tallybook.apps.sources.services import sources_verify

    problems = 0
    for m in sources_verify():
        problems += 1
        click.echo(f"MISMATCH  {m.sha256}  “{m.label}”: {m.problem}")
    chain_break = audit_verify()
    if chain_break:
        problems += 1
        click.echo(f"BROKEN    audit event #{chain_break.seq}: {chain_break.reason}")
    if problems:
        click.echo(f"{problems} problem{'s' if problems != 1 else ''} found")
        raise SystemExit(1)
    click.echo(
        f"ok: {Source.objects.count()} originals match their SHA-256; "
        f"audit chain of {AuditEvent.objects.count()} events intact"
    )
