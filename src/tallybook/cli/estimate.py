import json
from pathlib import Path

import click

from . import db


@click.command()
@click.option(
    "--table",
    "table_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="An aggregated capture-pattern CSV: one 0/1 column per list and `count`.",
)
@click.option(
    "--demo",
    "use_demo",
    is_flag=True,
    help="Link the demo's two detainee lists, then estimate from their overlap.",
)
@click.option(
    "--by",
    "by",
    type=click.Choice(["province", "year"]),
    help="From the linked lists in the database: one estimate per stratum, and a total.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--methods",
    help="Comma-separated: chapman, loglinear-bic, lcmcr (default: all "
    "that suit the number of lists).",
)
@click.option(
    "--bootstrap",
    default=1000,
    show_default=True,
    help="Bootstrap replicates for the log-linear interval (model choice repeated).",
)
@click.option("--seed", default=0, show_default=True)
def estimate(
    table_path: Path | None,
    use_demo: bool,
    by: str | None,
    fmt: str,
    methods: str | None,
    bootstrap: int,
    seed: int,
) -> None:
    """Estimate how many people no list recorded (multiple systems estimation).

    Each method prints its estimate of the total, a 95% interval and its
    warnings; methods are described in docs/estimation.md.
    """
    from tallybook.core.estimate import (
        CaptureTable,
        estimate_all,
        format_estimates,
        read_capture_csv,
        to_json,
    )

    if table_path and use_demo:
        db.fail("give --table FILE.csv or --demo, not both")
    chosen = [m.strip() for m in methods.split(",")] if methods else None
    if not table_path and not use_demo:
        _from_database(by, fmt, chosen, bootstrap, seed)
        return
    if table_path:
        try:
            text = table_path.read_text(encoding="utf-8")
            table = read_capture_csv(text)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            click.echo(f"{table_path}: {exc}", err=True)
            raise SystemExit(1) from None
    else:
        from tallybook.demo import LISTS, demo_lists
        from tallybook.linkage import link

        records, _truth = demo_lists()
        histories = link(records).capture_histories()
        table = CaptureTable.from_records(histories.values(), LISTS)
    try:
        results = estimate_all(table, seed=seed, bootstrap=bootstrap, methods=chosen)
    except ValueError as exc:
        db.fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps(to_json(table, results), indent=2))
    else:
        click.echo(format_estimates(table, results))


def _from_database(by, fmt, methods, bootstrap, seed) -> None:
    """Estimates from the linked lists in the database: per stratum, with a total."""
    db.setup()
    from tallybook.apps.people.linking import capture_tables
    from tallybook.core.estimate import TOTAL, estimate_strata, format_estimates, to_json

    try:
        tables = capture_tables(by=by)
        results = estimate_strata(tables, methods, seed=seed, bootstrap=bootstrap)
    except ValueError as exc:
        db.fail(str(exc))
    if fmt == "json":
        first = next(iter(tables.values()))
        doc = {
            "strata": {name: to_json(tables[name], results[name]) for name in tables},
            "total": {
                "observed": sum(t.observed for t in tables.values()),
                "lists": list(first.lists),
                "estimates": to_json(first, results.get(TOTAL, []))["estimates"],
            },
        }
        click.echo(json.dumps(doc, indent=2))
        return
    for name, ests in results.items():
        click.echo(f"\n== {name} ==")
        if name in tables:
            click.echo(format_estimates(tables[name], ests))
        else:
            for e in ests:
                click.echo(
                    f"{e.method}: {e.estimate:,.0f} ({e.lower:,.0f} – {e.upper:,.0f})"
                    + "".join(f"\n  {w}" for w in e.warnings)
                )
