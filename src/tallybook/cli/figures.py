import click

from . import db


def _interval(lo, hi) -> str:
    if lo is not None and lo == hi:
        return f"{lo:,}"
    return f"{'?' if lo is None else f'{lo:,}'}–{'open' if hi is None else f'{hi:,}'}"


@click.command()
@click.option("--category", help="Only this category, e.g. killed.")
@click.option(
    "--sources/--no-sources",
    default=True,
    show_default=True,
    help="List the sources behind each figure.",
)
def figures(category: str | None, sources: bool) -> None:
    """Competing figures side by side, by kind of claimant, with their sources.

    Running totals for one place and month are set beside each other and
    beside the sum of the incidents counted there; within an incident, each
    independent source's figure stands beside the others. Nothing is picked
    as the right one; the gap is the highest figure over the lowest.
    """
    db.setup()
    from tallybook.apps.incidents.selectors import (
        aggregates_against_incidents,
        competing_figures,
        place_label,
    )

    rows = competing_figures(category=category)
    if not rows:
        click.echo("no competing figures (run `tallybook corroborate` after ingesting)")
    for row in rows:
        gap = f"  — gap {row.gap:.1f}×" if row.gap else ""
        click.echo(f"\n{row.title}{gap}")
        for f in row.figures:
            who = "; ".join(f.claimants)
            click.echo(f"  {f.kind:<12} {_interval(f.min, f.max):>14}  {who}")
            if sources:
                for claim in f.claims:
                    s = claim.source
                    quote = " ".join(claim.quote.split())
                    click.echo(f"  {'':<12} {'':>14}    “{quote}” — {s} ({s.short_hash})")
    comparisons = [c for c in aggregates_against_incidents(category=category) if c.incidents]
    if comparisons:
        click.echo("\nRunning totals beside the incidents counted in the same place and period:")
        for c in comparisons:
            ratio = f"{c.ratio:.2f}×" if c.ratio else "—"
            click.echo(
                f"  {c.scope.category} · {place_label(c.scope.level, c.scope.code)} · "
                f"{c.scope.period}: "
                f"{c.kind} says {_interval(c.aggregate.min, c.aggregate.max)}; incidents "
                f"sum to {_interval(c.incidents.min, c.incidents.max)} (ratio {ratio})"
            )
