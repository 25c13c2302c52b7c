"""The static site's plain-Python side: SVG, feeds, data files, manifest, writing.

Nothing here imports Django (an import-linter contract keeps it so): pages are
rendered by `tallybook.apps.publishing`, which hands plain bytes and frozen
dataclasses (`model.py`) to these modules.
"""
