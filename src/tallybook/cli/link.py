import click

from . import db


@click.command()
@click.option(
    "--evaluate",
    "evaluate_",
    is_flag=True,
    help="Instead of the stored lists, link lists whose truth is known and score it.",
)
@click.option(
    "--demo",
    "use_demo",
    is_flag=True,
    help="The demo's two detainee lists (with TRUTH.csv) instead of synthetic lists.",
)
@click.option(
    "--synthetic",
    "people",
    default=3000,
    show_default=True,
    help="People in the synthetic population (about 1.5 records each over 3 lists).",
)
@click.option("--seed", default=1, show_default=True)
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    help="Linkage engine; default from TALLYBOOK_LINK_ENGINE (duckdb).",
)
def link(evaluate_: bool, use_demo: bool, people: int, seed: int, engine: str | None) -> None:
    """Record linkage of lists of named people: within each list and across lists.

    Without --evaluate, links every imported list, stores which records are
    one person, and puts uncertain pairs in the review queue (names are
    decrypted in memory only). With --evaluate, links lists whose truth is
    known and reports pairwise, exact-cluster and B-cubed precision, recall
    and F1.
    """
    from tallybook.linkage import evaluate, format_report, link, synthetic_lists
    from tallybook.linkage.engines import EngineUnavailable

    if not evaluate_:
        db.setup()
        from tallybook.apps.people.linking import people_link

        try:
            summary = people_link(engine=engine)
        except EngineUnavailable as exc:
            db.fail(str(exc))
        click.echo(
            f"linked {summary['records']:,} records into {summary['people']:,} people; "
            f"{summary['review']:,} uncertain pairs in the review queue"
        )
        return

    if use_demo:
        from tallybook.demo import demo_lists

        records, truth = demo_lists()
        title = "demo lists A + B"
    else:
        records, truth = synthetic_lists(people, seed=seed)
        title = f"synthetic: {people:,} people, {len(records):,} records"
    try:
        result = link(records, engine=engine)
    except EngineUnavailable as exc:
        db.fail(str(exc))
    click.echo(format_report(evaluate(result.clusters, truth), title=title))
    click.echo(f"review queue: {len(result.review_pairs):,} uncertain pairs")
