"""Render a Snapshot into the static site's files: (path, bytes), in a fixed order.

Pages are Django templates under templates/publishing/; charts, maps, feeds
and data files come from the Django-free `tallybook.publish`. Every link is
relative (`root` is the way back to the site's top), so the folder works from
any sub-path, from a mirror, or opened from disk.

`base.py` holds the Site (indexes, tallies, rendering one page), `pages.py`
every page and feed, `figures.py` competing figures, `charts.py` charts and
maps, `downloads.py` the data files.
"""

from .base import Options
from .pages import render_site

__all__ = ["Options", "render_site"]
