"""`tallybook publish` and `tallybook verify-release`."""

from __future__ import annotations

import re
from pathlib import Path

import click

from . import db

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@click.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option(
    "--date",
    "release_date",
    help="The release's date (YYYY-MM-DD). Default: the newest date in the published data.",
)
@click.option(
    "--base-url",
    help="Where the site will be served (https://example.org/tally/): makes feeds, sitemap, "
    "canonical and share links absolute. Pages link relatively either way.",
)
@click.option(
    "--key",
    "key_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The Ed25519 release key (PEM). Default: TALLYBOOK_RELEASE_KEY, created if missing.",
)
@click.option("--title", help="The site's name. Default: TALLYBOOK_SITE_TITLE.")
def publish(
    out: Path,
    release_date: str | None,
    base_url: str | None,
    key_path: Path | None,
    title: str | None,
) -> None:
    """Write the public static site into OUT: reviewed claims from public sources only.

    Only changed files are rewritten; files no longer in the release are
    removed. The release is assembled beside OUT and swapped in whole, with
    manifest.json (the SHA-256 of every file) signed by the release key.
    """
    if release_date is not None and not _DAY.fullmatch(release_date):
        db.fail(f"--date must be YYYY-MM-DD, not {release_date!r}")
    db.setup()
    from tallybook.apps.publishing.services import publish_release
    from tallybook.publish.manifest import ReleaseError

    try:
        result = publish_release(
            out=out, release_date=release_date, base_url=base_url, key_path=key_path, title=title
        )
    except ReleaseError as exc:
        db.fail(f"{exc.path}: {exc.reason}")
    except ValueError as exc:
        db.fail(str(exc))
    s = result.stats
    click.echo(
        f"published {result.pages} pages, {s.files} files into {out} "
        f"(release of {result.release_date}) in {result.seconds:.1f} s"
    )
    click.echo(f"written {s.written}, unchanged {s.unchanged}, removed {s.removed}")
    click.echo(f"release key {result.fingerprint}")
    if not base_url:
        click.echo("note: without --base-url, sitemap.xml and feeds use relative links", err=True)


@click.command("verify-release")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--key",
    "key_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The public key (PEM) to trust. Default: the release's own release-key.pub.",
)
def verify_release(directory: Path, key_file: Path | None) -> None:
    """Check a release: its manifest's signature, then every file's SHA-256.

    Names the first bad file (changed, missing, or not in the manifest) and
    exits with status 1. Needs no database.
    """
    from tallybook.publish.manifest import ReleaseError
    from tallybook.publish.manifest import verify_release as check

    try:
        pem = key_file.read_bytes() if key_file else None
    except OSError as exc:
        db.fail(f"{key_file}: cannot read the key: {exc.strerror}")
    try:
        result = check(directory, public_key=pem, key_path=str(key_file or ""))
    except ReleaseError as exc:
        click.echo(f"FAILED {exc.path}: {exc.reason}", err=True)
        raise SystemExit(1) from None
    click.echo(f"ok: {result.files} files match the signed manifest (key {result.key})")
    if result.key_from_release:
        click.echo(
            "note: checked with the release's own key; compare its fingerprint with one you "
            "trust, or pass --key",
            err=True,
        )
