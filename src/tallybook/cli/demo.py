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
    for name, password in _demo_accounts().items():
        click.echo(f"sign in as {name!r} with password {password!r} ({_ROLES[name]})")
    if serve:
        from .serve import run_server

        run_server(host, port)


_ROLES = {"analyst": "reviews claims", "editor": "also verifies and publishes"}


def _demo_accounts() -> dict[str, str]:
    """Two accounts for the fictional corpus, so review works at once. Their passwords
    are kept in the data folder (0600), so every run prints the same ones."""
    import secrets

    from django.conf import settings
    from django.contrib.auth import get_user_model

    from tallybook.apps.accounts.services import user_create

    path = settings.DATA_DIR / "demo-accounts.txt"
    lines = path.read_text().splitlines() if path.exists() else []
    known = dict(line.split(" ", 1) for line in lines if " " in line)
    shown = {}
    for name in _ROLES:
        exists = get_user_model().objects.filter(username=name).exists()
        if not exists:
            known[name] = secrets.token_urlsafe(9)
            user_create(username=name, password=known[name], role=name, by=None)
        if name in known:  # an account someone made by hand keeps its own password
            shown[name] = known[name]
    path.write_text("".join(f"{n} {p}\n" for n, p in known.items()))
    path.chmod(0o600)
    return shown
