import click

from . import db


@click.command()
def corroborate() -> None:
    """Group copies into origins, then propose incidents from the claims.

    Run after ingesting. Confirmed incidents are kept; the machine's earlier
    proposals are rebuilt.
    """
    db.setup()
    from tallybook.apps.incidents.services import incidents_propose
    from tallybook.apps.sources.origins import origins_recompute

    o = origins_recompute()
    click.echo(
        f"origins: {o['sources']} sources in {o['origins']} origins "
        f"({o['copied']} copied across sites, {o['coordinated']} coordinated)"
    )
    i = incidents_propose()
    click.echo(f"incidents: {i['proposed']} proposed from {i['claims']} claims")
