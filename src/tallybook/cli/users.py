"""`tallybook users`: accounts and roles, for whoever holds the data folder."""

from __future__ import annotations

import secrets

import click

from . import db

ROLES = ["admin", "editor", "analyst", "contributor", "viewer"]


@click.group()
def users() -> None:
    """Create accounts, change roles, list who can do what."""


@users.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="viewer", show_default=True)
@click.option("--email", default="")
@click.option(
    "--password",
    envvar="TALLYBOOK_NEW_PASSWORD",
    default=None,
    help="Taken from TALLYBOOK_NEW_PASSWORD if set; otherwise one is generated and printed once.",
)
def create(username: str, role: str, email: str, password: str | None) -> None:
    """Create an account with a role."""
    db.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import ValidationError, validate_password

    from tallybook.apps.accounts.services import user_create

    if get_user_model().objects.filter(username=username).exists():
        db.fail(f"an account named {username!r} already exists")
    shown = password is None
    password = password or secrets.token_urlsafe(12)
    try:
        validate_password(password)
    except ValidationError as bad:
        db.fail(f"that password is refused: {' '.join(bad.messages)}")
    user_create(username=username, password=password, role=role, email=email, by=None)
    click.echo(f"created {username} ({role})")
    if shown:
        click.echo(f"password: {password}   (shown once; change it after signing in)")


@users.command("role")
@click.argument("username")
@click.argument("role", type=click.Choice(ROLES))
def role(username: str, role: str) -> None:
    """Give an account another role."""
    db.setup()
    from django.contrib.auth import get_user_model

    from tallybook.apps.accounts.services import user_set_role

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        db.fail(f"no account named {username!r}")
    user_set_role(user=user, role=role, by=None)
    click.echo(f"{username} is now {role}")


@users.command("list")
def list_users() -> None:
    """Every account, its role and whether a second factor is on."""
    db.setup()
    from django.contrib.auth import get_user_model

    for user in get_user_model().objects.order_by("username"):
        flags = [] if user.is_active else ["disabled"]
        if user.totp_secret:
            flags.append("second factor")
        extra = f"  ({', '.join(flags)})" if flags else ""
        click.echo(f"{user.username:<24} {user.role:<12}{extra}")
