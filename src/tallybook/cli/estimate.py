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

    if bool(table_path) == use_demo:
        db.fail("give either --table FILE.csv or --demo")
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
    chosen = [m.strip() for m in methods.split(",")] if methods else None
    try:
        results = estimate_all(table, seed=seed, bootstrap=bootstrap, methods=chosen)
    except ValueError as exc:
        db.fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps(to_json(table, results), indent=2))
    else:
        click.echo(format_estimates(table, results))
