"""`tallybook token`: API tokens for the JSON API (shown once, stored only as a hash)."""

from __future__ import annotations

import click

from . import db


@click.group()
def token() -> None:
    """Create, list and revoke API tokens."""


@token.command()
@click.argument("username")
@click.option("--name", default="", help="What the token is for (shown in lists).")
def create(username: str, name: str) -> None:
    """Make a token for USERNAME and print it once; only its hash is kept."""
    db.setup()
    from tallybook.apps.accounts.models import User
    from tallybook.apps.api.services import api_token_create

    user = User.objects.filter(username=username).first()
    if user is None:
        db.fail(f"no user is named {username!r}")
    try:
        row, raw = api_token_create(user=user, by=None, name=name)
    except ValueError as e:
        db.fail(str(e))
    click.echo(raw)
    click.echo(
        f"token {row.prefix} for {username} ({user.role}); it is shown only now: keep it safe",
        err=True,
    )


@token.command("list")
@click.option("--user", "username", default=None, help="Only this user's tokens.")
def list_(username: str | None) -> None:
    """Tokens: prefix, user, name, created, last used, revoked."""
    db.setup()
    from tallybook.apps.api.models import ApiToken

    rows = ApiToken.objects.select_related("user").order_by("created_at", "id")
    if username:
        rows = rows.filter(user__username=username)
    for t in rows:
        used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never"
        revoked = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "active"
        click.echo(
            f"{t.prefix}  {t.user.get_username():<16} {t.name or '-':<20} "
            f"created {t.created_at:%Y-%m-%d %H:%M}  used {used}  {revoked}"
        )


@token.command()
@click.argument("prefix")
def revoke(prefix: str) -> None:
    """Revoke the token starting with PREFIX (as `tallybook token list` shows it)."""
    db.setup()
    from tallybook.apps.api.selectors import token_by_prefix
    from tallybook.apps.api.services import api_token_revoke

    found = token_by_prefix(prefix.strip())
    if found is None:
        db.fail(f"no token starts with {prefix!r}")
    try:
        api_token_revoke(token=found, by=None)
    except ValueError as e:
        db.fail(str(e))
    click.echo(f"revoked {found.prefix} ({found.user.get_username()})")
