"""Load the demo corpus through the same ingest service users call."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tallybook.apps.claims.services import actors_upsert
from tallybook.apps.sources.services import METADATA_FIELDS, IngestResult, ingest_inputs

from . import CORPUS, manifest


def load_demo(*, by: Any | None = None) -> Iterator[IngestResult]:
    """The demo's actors (so claims find their claimants), then every document."""
    actors = json.loads((CORPUS / "actors.json").read_text(encoding="utf-8"))
    actors_upsert(entries=actors, by=by)
    entries = manifest()

    def metadata_for(path: str) -> dict[str, Any]:
        entry = entries.get(Path(path).relative_to(CORPUS).as_posix(), {})
        return {k: v for k, v in entry.items() if k in METADATA_FIELDS}

    files = [str(CORPUS / name) for name in sorted(entries)]
    yield from ingest_inputs(files, by=by, metadata_for=metadata_for)
