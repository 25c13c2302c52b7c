"""The demo: a fictional corpus set in real places, shipped with the package."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "corpus"


def manifest() -> dict[str, dict[str, Any]]:
    """Metadata for each corpus file, by its path relative to the corpus folder."""
    entries = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    return {e["file"]: e for e in entries}


LISTS = ("detainees_ngo_a", "detainees_ngo_b")


def demo_lists() -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The two demo detainee lists as linkage records, and their known truth.

    Record ids are "<list>:<row>" (rows from 1); the truth maps each to a person id.
    """
    records: list[dict[str, Any]] = []
    for name in LISTS:
        with (CORPUS / "lists" / f"{name}.csv").open(encoding="utf-8") as fh:
            for row_no, row in enumerate(csv.DictReader(fh), start=1):
                records.append({**row, "record_id": f"{name}:{row_no}", "list": name})
    with (CORPUS / "lists" / "TRUTH.csv").open(encoding="utf-8") as fh:
        truth = {f"{r['list']}:{r['row']}": r["person_id"] for r in csv.DictReader(fh)}
    return records, {k: v for k, v in truth.items() if k.split(":")[0] in LISTS}
