"""The demo: a fictional corpus set in real places, shipped with the package."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "corpus"


def manifest() -> dict[str, dict[str, Any]]:
    """Metadata for each corpus file, by its path relative to the corpus folder."""
    entries = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    return {e["file"]: e for e in entries}
