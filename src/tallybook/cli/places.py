import click


@click.command()
@click.argument("name")
@click.option("--country", help="ISO 3166-1 code of the country in context, e.g. IR.")
@click.option("--limit", default=10, show_default=True)
def places(name: str, country: str | None, limit: int) -> None:
    """Ranked gazetteer matches for a place name (offline)."""
    from tallybook.core.gazetteer import Gazetteer

    matches = Gazetteer.default().match(
        name, country=country.upper() if country else None, limit=limit
    )
    if not matches:
        click.echo(f"no place matches {name!r}")
        raise SystemExit(1)
    for m in matches:
        p = m.place
        where = ", ".join(x for x in (p.admin1_name, p.country) if x and p.kind != "country")
        ident = f"geonames:{p.geonameid}" if p.geonameid else (p.admin1 or p.country or "")
        coords = f"{p.lat:.3f},{p.lon:.3f}" if p.lat is not None else ""
        click.echo(
            f"{m.score:.2f}  {p.kind:<7}  {p.name}{' (' + where + ')' if where else ''}"
            f"  {ident}  {coords}  [matched “{m.matched}”]"
        )
