import click

from . import db


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--restricted", is_flag=True, help="Mark what is stored now as restricted (never published)."
)
@click.option("--publisher", help="Publisher to record for these inputs.")
@click.option("--published", help="Publication date (YYYY-MM-DD) to record for these inputs.")
def ingest(
    inputs: tuple[str, ...], restricted: bool, publisher: str | None, published: str | None
) -> None:
    """Archive files, folders (recursively) and URLs, and read their text.

    Prints one line per input. A refused input is named with the reason and
    does not stop the others; the exit status is 1 if any was refused.
    """
    db.setup()
    from tallybook.apps.sources.services import ingest_inputs

    metadata = {
        "sensitivity": "restricted" if restricted else None,
        "publisher": publisher,
        "published": published,
    }
    stored = existed = refused = 0
    for result in ingest_inputs(list(inputs), metadata_for=lambda _origin: metadata):
        if result.error:
            refused += 1
            click.echo(f"refused  {result.origin}: {result.error}", err=True)
        elif result.created:
            stored += 1
            s = result.source
            claims = s.claims.count()
            click.echo(
                f"stored   {s.short_hash}  {result.origin}  {s.media_type}  "
                f"{len(s.text):,} chars  {claims} claim{'s' if claims != 1 else ''}"
            )
        else:
            existed += 1
            click.echo(
                f"exists   {result.source.short_hash}  {result.origin}  (same bytes as "
                f"“{result.source}”; receipt added)"
            )
    click.echo(f"{stored} stored, {existed} already archived, {refused} refused")
    if refused:
        raise SystemExit(1)
