"""`tallybook people` (lists of named people) and `tallybook keys` (their encryption keys).

Output gives counts, never a name.
"""

from __future__ import annotations

import click

from . import db


@click.group()
def people() -> None:
    """Import lists of named people; names are encrypted at rest."""


@people.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="FIELD=HEADER",
    help="Read FIELD from the column HEADER (repeat), e.g. --map name='Full name'.",
)
@click.option("--batch-size", default=500, show_default=True, help="Rows per transaction.")
@click.option("--country", default="IR", show_default=True, help="Country preferred for places.")
def import_(file: str, maps: tuple[str, ...], batch_size: int, country: str) -> None:
    """Import a CSV or XLSX list (run again to resume an interrupted import)."""
    mapping: dict[str, str] = {}
    for item in maps:
        field, sep, header = item.partition("=")
        if not sep or not field.strip() or not header.strip():
            db.fail(f"--map takes FIELD=HEADER, not {item!r}")
        mapping[field.strip()] = header.strip()
    db.setup()
    from tallybook.apps.people.lists import ListRejected
    from tallybook.apps.people.services import person_list_import
    from tallybook.crypto import CryptoError

    try:
        plist = person_list_import(
            path=file, mapping=mapping or None, batch_size=batch_size, country=country or None
        )
    except ListRejected as exc:
        db.fail(f"refused: {exc.reason}")
    except CryptoError as exc:
        db.fail(str(exc))
    located = plist.records.exclude(place_ref=None).count()
    click.echo(
        f"list {plist.pk}: {plist.records.count()} of {plist.rows_total} rows stored, "
        f"{located} with a known place; {plist.status}"
    )


@people.command("lists")
def lists() -> None:
    """Imported lists: rows stored, status, columns read."""
    db.setup()
    from tallybook.apps.people.models import PersonList

    rows = PersonList.objects.select_related("source").order_by("id")
    for p in rows:
        click.echo(
            f"{p.pk:>4}  {p.source.short_hash}  {p.file_format:<4}  {p.status:<9}  "
            f"{p.rows_done:>7}/{p.rows_total:<7}  {p.name}  [{', '.join(p.mapping)}]"
        )
    click.echo(f"{rows.count()} lists in all")


@click.group()
def keys() -> None:
    """The keys that encrypt names (kept in the keyring file, outside the database)."""


@keys.command("rotate")
@click.option(
    "--retire-old",
    is_flag=True,
    help="Afterwards remove old keys from the keyring (back the keyring up first).",
)
@click.option("--batch-size", default=500, show_default=True, help="Records per transaction.")
def rotate(retire_old: bool, batch_size: int) -> None:
    """Add a new key and re-encrypt every stored name with it."""
    db.setup()
    from tallybook.apps.people.services import key_rotate
    from tallybook.crypto import CryptoError

    try:
        done = key_rotate(batch_size=batch_size, retire_old=retire_old)
    except CryptoError as exc:
        db.fail(str(exc))
    click.echo(f"new key {done.key} (was {done.previous}): {done.records} records re-encrypted")
    if done.retired:
        click.echo(f"retired keys: {', '.join(done.retired)}")


@keys.command("status")
def status() -> None:
    """The keyring's path and keys, and how many stored values use each."""
    db.setup()
    from tallybook import crypto
    from tallybook.apps.people.services import keys_in_use

    try:
        ring = crypto.load_keyring(create=False)
    except crypto.CryptoError as exc:
        db.fail(str(exc))
    in_use = keys_in_use()
    click.echo(f"keyring: {ring.path}")
    for key_id in sorted(set(ring.keys) | set(in_use)):
        mark = (
            "current" if key_id == ring.current else ("MISSING" if key_id not in ring.keys else "")
        )
        click.echo(f"  {key_id}  {in_use.get(key_id, 0):>8} values  {mark}")
