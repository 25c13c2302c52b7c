import click

from . import db


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
def serve(host: str, port: int) -> None:
    """Serve the web view."""
    db.setup()
    run_server(host, port)


def run_server(host: str, port: int) -> None:
    from django.core.management import call_command

    click.echo(f"tallybook is serving at http://{host}:{port}/  (Ctrl-C to stop)")
    call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
