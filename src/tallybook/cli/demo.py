import click

from . import db


@click.command()
@click.option(
    "--serve/--no-serve",
    default=True,
    show_default=True,
    help="Serve the web view once the corpus is loaded.",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
def demo(serve: bool, host: str, port: int) -> None:
    """Load the fictional demo corpus, then serve the web view."""
    db.setup()
    from tallybook.demo.load import load_demo

    stored = existed = 0
    for result in load_demo():
        if result.error:
            click.echo(f"refused  {result.origin}: {result.error}", err=True)
            raise SystemExit(1)  # the shipped corpus must always load
        stored += result.created
        existed += not result.created
    click.echo(f"demo corpus: {stored} sources stored, {existed} already there")
    from tallybook.apps.incidents.services import incidents_propose
    from tallybook.apps.sources.origins import origins_recompute

    o = origins_recompute()
    i = incidents_propose()
    click.echo(
        f"{o['origins']} origins from {o['sources']} sources; "
        f"{i['proposed']} incidents proposed from {i['claims']} claims"
    )
    if serve:
        from .serve import run_server

        run_server(host, port)
