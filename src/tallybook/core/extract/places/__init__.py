"""Places: names found and resolved through the gazetteer (`names`), datelines
(`dateline`), the place governing a count (`governing`) and places carried
across sentences (`context`)."""

from .context import Context, nationwide, refers_back
from .dateline import find_dateline
from .governing import governing, stop_after
from .names import PlaceMention, find_places, to_claim_place

__all__ = [
    "Context",
    "PlaceMention",
    "find_dateline",
    "find_places",
    "governing",
    "nationwide",
    "refers_back",
    "stop_after",
    "to_claim_place",
]
