import click

from . import db


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes; above 1 needs TALLYBOOK_LIVE_BROKER (redis or postgres).",
)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the web view and the live board (uvicorn, ASGI)."""
    db.setup()
    run_server(host, port, workers=workers)


def run_server(host: str, port: int, workers: int = 1) -> None:
    # ASGI under uvicorn: the live board's streams stay open for hours
    # (docs/decisions/0002-uvicorn-for-the-live-board.md).
    import uvicorn
    from django.conf import settings

    if workers > 1 and settings.LIVE_BROKER == "memory":
        db.fail(
            f"--workers {workers}: each process would see only its own live-board events; "
            "set TALLYBOOK_LIVE_BROKER to redis://... or postgres (docs/settings.md)"
        )
    click.echo(f"tallybook is serving at http://{host}:{port}/  (Ctrl-C to stop)")
    uvicorn.run(
        "tallybook.site.asgi:application",
        host=host,
        port=port,
        workers=workers,
        lifespan="on",
        # Open streams never end on their own: give them 2 s, then stop.
        timeout_graceful_shutdown=2,
    )
