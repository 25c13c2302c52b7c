"""`tallybook extract` and `tallybook eval`: claims from one document, and their score.

Neither needs a database: they run on core alone.
"""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import datetime

import click

from tallybook.core.errors import InputRejected


def _fail(name: str, reason: str) -> None:
    click.echo(f"tallybook: {name}: {reason}", err=True)
    sys.exit(2)


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        _fail(path, "no such file")
    except IsADirectoryError:
        _fail(path, "is a directory, not a file")
    except OSError as e:
        _fail(path, f"cannot read it ({e.strerror or e})")
    raise AssertionError("unreachable")


@click.command("extract")
@click.argument("path")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date (YYYY-MM-DD) to resolve relative dates; "
    "defaults to the document's own date, if it has one.",
)
@click.option("--lang", default="en", show_default=True, help="Language of the text.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl"]),
    default="jsonl",
    show_default=True,
    help="Output format: one claim (claim.schema.json) a line.",
)
def extract(path: str, published: datetime | None, lang: str, fmt: str) -> None:
    """Print the count claims in PATH (HTML, PDF or text; - for stdin) as JSON Lines."""
    from tallybook.core.extract import extract as extract_claims
    from tallybook.core.readers import read_document

    name = "<stdin>" if path == "-" else path
    data = _read_bytes(path)
    try:
        document = read_document(data, filename=None if path == "-" else path)
    except InputRejected as e:
        _fail(name, e.reason)
    pub = published.date() if published else document.published
    claims = extract_claims(
        document.text,
        published=pub,
        lang=lang,
        source_sha256=hashlib.sha256(data).hexdigest(),
    )
    for claim in claims:
        click.echo(json.dumps(claim.to_dict(), ensure_ascii=False))


@click.command("eval")
@click.argument("gold")
@click.option("--min-f1", type=float, help="Exit 1 when whole-claim F1 is below this.")
@click.option(
    "--show-errors",
    type=int,
    default=0,
    metavar="N",
    help="Print the first N passages not wholly right, gold against predicted.",
)
def evaluate(gold: str, min_f1: float | None, show_errors: int) -> None:
    """Score the extractor against GOLD.jsonl: P/R/F1 per field and for whole claims."""
    from tallybook.core.evaluate import evaluate as run
    from tallybook.core.evaluate import format_errors, format_report, load_gold

    try:
        passages = load_gold(gold)
    except FileNotFoundError:
        _fail(gold, "no such file")
    except (OSError, ValueError, KeyError) as e:
        _fail(gold, f"not a readable gold file ({e})")
    report = run(passages)
    if show_errors > 0:
        click.echo(format_errors(report, show_errors))
        click.echo()
    click.echo(format_report(report))
    if min_f1 is not None and report.whole.f1 < min_f1:
        click.echo(f"whole-claim F1 {report.whole.f1:.3f} is below {min_f1:.3f}", err=True)
        sys.exit(1)
