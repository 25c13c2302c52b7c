import click

from . import db


@click.group()
def sources() -> None:
    """List and show archived sources."""


@sources.command("list")
@click.option("--limit", default=50, show_default=True)
def list_(limit: int) -> None:
    """The most recently stored sources."""
    db.setup()
    from tallybook.apps.sources.models import Source

    rows = Source.objects.order_by("-created_at")[:limit]
    for s in rows:
        published = s.published.isoformat() if s.published else "          "
        click.echo(f"{s.short_hash}  {published}  {s.media_type:<16}  {s}")
    click.echo(f"{Source.objects.count()} sources in all")


@sources.command()
@click.argument("sha256_prefix")
@click.option("--text", "show_text", is_flag=True, help="Print the extracted text too.")
def show(sha256_prefix: str, show_text: bool) -> None:
    """One source: metadata, custody, claims (by SHA-256 or its first characters)."""
    db.setup()
    from tallybook.apps.sources.models import Source

    matches = list(Source.objects.filter(sha256__startswith=sha256_prefix.lower())[:2])
    if not matches:
        db.fail(f"no source has a SHA-256 starting with {sha256_prefix!r}")
    if len(matches) > 1:
        db.fail(f"{sha256_prefix!r} matches several sources; give more characters")
    s = matches[0]
    for label, value in [
        ("title", s.title),
        ("publisher", s.publisher),
        ("published", s.published),
        ("url", s.url),
        ("media type", s.media_type),
        ("size", f"{s.size:,} bytes"),
        ("sha256", s.sha256),
        ("text sha256", s.text_sha256),
        ("sensitivity", s.sensitivity),
    ]:
        click.echo(f"{label:>12}: {value or '—'}")
    for r in s.receipts.all():
        click.echo(
            f"{'received':>12}: {r.received_at:%Y-%m-%d %H:%M:%S} UTC from {r.origin} "
            f"by {r.received_by}"
        )
    for c in s.claims.all():
        click.echo(f"{'claim':>12}: {c.category} {c.interval_label} {c.unit} “{c.quote}”")
    if show_text:
        click.echo("")
        click.echo(s.text)
