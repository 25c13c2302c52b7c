import sys

import click

from . import db

ENGINES = ("duckdb", "sqlite", "postgresql")


@click.command()
@click.option(
    "--by",
    "by",
    default="province,month",
    show_default=True,
    help="Place level (city, province, country) and period (day, week, month, year).",
)
@click.option("--category", help="Only this category, e.g. killed.")
@click.option("--place", "place_code", help="Only this place code, e.g. IR-11 (a time series).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="duckdb",
    show_default=True,
    help="Where the tally SQL runs, over an export of the records.",
)
@click.option("--engine-url", help="For --engine postgresql: the database URL to compute in.")
@click.option("--confirmed-only", is_flag=True, help="Only incidents an analyst confirmed.")
def tally(
    by: str,
    category: str | None,
    place_code: str | None,
    fmt: str,
    engine: str,
    engine_url: str | None,
    confirmed_only: bool,
) -> None:
    """Tallies of incidents per place and period: min, max, conservative point,
    incidents and independent origins.

    Incidents with no place (or date) at the chosen level are counted in an
    explicit "not known" row, so mapped and unmapped counts add up.
    """
    from tallybook.analytics.engines import open_engine
    from tallybook.analytics.series import time_series, to_csv, to_json
    from tallybook.analytics.tally import parse_by
    from tallybook.analytics.tally import tally as run_tally

    try:
        level, period = parse_by(by)
    except ValueError as exc:
        db.fail(str(exc))
    if engine == "postgresql" and not engine_url:
        db.fail("--engine postgresql needs --engine-url postgresql://...")
    db.setup()
    from tallybook.apps.incidents.export import export_records

    incidents, claims = export_records(confirmed_only=confirmed_only)
    eng = open_engine(engine, engine_url)
    try:
        eng.load(incidents, claims)
        if place_code:
            if not category:
                db.fail("--place needs --category (a time series is of one category)")
            rows = time_series(
                eng, level=level, place_code=place_code, period=period, category=category
            )
        else:
            rows = run_tally(eng, level=level, period=period, category=category)
    finally:
        eng.close()
    if fmt == "csv":
        sys.stdout.write(to_csv(rows))
    elif fmt == "json":
        sys.stdout.write(to_json(rows) + "\n")
    else:
        click.echo(render(rows))


def render(rows) -> str:
    if not rows:
        return "no incidents to tally (run `tallybook corroborate` after ingesting)"
    head = (
        f"{'place':<34} {'period':<10} {'category':<11} {'min':>8} {'max':>8} "
        f"{'point':>8} {'incid.':>6} {'origins':>7}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        place = f"{r.place_name} ({r.place_code})"[:34]
        high = "open" if r.max is None else f"{r.max:,}"
        lines.append(
            f"{place:<34} {r.period:<10} {r.category:<11} {r.min:>8,} {high:>8} "
            f"{r.point:>8,} {r.incidents:>6} {r.origins:>7}"
        )
    return "\n".join(lines)
