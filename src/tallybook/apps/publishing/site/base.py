"""The Site: a Snapshot, indexes over it, tallies, and how one page is rendered."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from tallybook.analytics.engines import open_engine
from tallybook.analytics.export import ClaimRow, IncidentRow, period_columns
from tallybook.analytics.tally import TallyRow, tally
from tallybook.core.corroborate.facts import period_bounds
from tallybook.publish.model import (
    PubClaim,
    PubIncident,
    PubPlace,
    Snapshot,
    interval_label,
)

LIST_LIMIT = 100  # longer listings are split into one page per year (or month)
BIG_PAGE = 1000  # a year with more items than this is split into months
FEED_ENTRIES = 50
STATUS_WORDS = {
    "single_origin": "single origin",
    "corroborated": "corroborated",
    "contested": "contested",
}
LEVEL_OF = {"city": "city", "admin1": "province", "country": "country"}


@dataclass(frozen=True)
class Options:
    base_url: str | None  # "https://example.org/tally/" makes feeds, sitemap, share links absolute
    key_fingerprint: str
    public_key_pem: str


# --- small helpers used by templates through plain dicts -------------------------------------


def _when(start: str | None, end: str | None) -> str:
    if not start:
        return "date unknown"
    return start if not end or end == start else f"{start} to {end}"


def _num(v: int | None) -> str | None:
    return None if v is None else f"{v:,}"


def _sum(incidents: Iterable[PubIncident]) -> dict:
    lo = hi_sum = pt = n = 0
    open_above = False
    for i in incidents:
        lo += i.min or 0
        pt += i.point if i.point is not None else (i.min or 0)
        if i.max is None:
            open_above = True
        else:
            hi_sum += i.max
        n += 1
    hi = None if open_above else hi_sum
    return {
        "min": lo,
        "max": hi,
        "point": f"{pt:,}",
        "incidents": f"{n:,}",
        "range": interval_label(lo, hi),
    }


class Site:
    """Everything needed to render: the snapshot, indexes over it, and the tallies."""

    def __init__(self, snap: Snapshot, options: Options) -> None:
        self.snap, self.options = snap, options
        self.incidents = [snap.incidents[k] for k in sorted(snap.incidents)]
        self.by_place: dict[str, list[PubIncident]] = defaultdict(list)
        self.by_category: dict[str, list[PubIncident]] = defaultdict(list)
        self.by_tag: dict[str, list[PubIncident]] = defaultdict(list)
        for inc in self.incidents:
            for key in self.ancestors(inc.place):
                self.by_place[key].append(inc)
            self.by_category[inc.category].append(inc)
            for t in inc.tags:
                self.by_tag[t].append(inc)
        self.claims_by_source: dict[int, list[PubClaim]] = defaultdict(list)
        self.claims_by_claimant: dict[int, list[PubClaim]] = defaultdict(list)
        for cid in sorted(snap.claims):
            c = snap.claims[cid]
            self.claims_by_source[c.source].append(c)
            if c.claimant is not None:
                self.claims_by_claimant[c.claimant].append(c)
        self.children: dict[str, list[PubPlace]] = defaultdict(list)
        for p in sorted(snap.places.values(), key=lambda p: (p.name, p.key)):
            if p.parent:
                self.children[p.parent].append(p)
        self.categories = sorted(self.by_category)
        self.tallies = self._tallies()
        self._templates: dict[str, object] = {}

    # -- structure --

    def ancestors(self, key: str | None) -> list[str]:
        out = []
        while key is not None and key in self.snap.places:
            out.append(key)
            key = self.snap.places[key].parent
        return out

    def _tallies(self) -> dict[tuple[str, str], list[TallyRow]]:
        """Tallies per (level, period) from the published incidents, on the analytics engine."""
        places = self.snap.places
        incident_rows, claim_rows = [], []
        for inc in self.incidents:
            chain = {places[k].kind: places[k] for k in self.ancestors(inc.place)}
            city, prov, country = chain.get("city"), chain.get("admin1"), chain.get("country")
            start = period_bounds(inc.date_start, None)[0] if inc.date_start else None
            incident_rows.append(
                IncidentRow(
                    str(inc.id),
                    inc.category,
                    inc.min,
                    inc.max,
                    inc.point,
                    country.country if country else None,
                    country.name if country else None,
                    prov.admin1 if prov else None,
                    prov.name if prov else None,
                    int(city.key.split(":")[1]) if city else None,
                    city.name if city else None,
                    *period_columns(start),
                )
            )
            for cid in inc.claims:
                c = self.snap.claims[cid]
                claim_rows.append(ClaimRow(str(cid), str(inc.id), c.origin_group, c.category))
        out: dict[tuple[str, str], list[TallyRow]] = {}
        with open_engine("duckdb") as engine:
            engine.load(incident_rows, claim_rows)
            for level in ("country", "province", "city"):
                for period in ("month", "year"):
                    out[level, period] = tally(engine, level=level, period=period)
        return out

    def place_tallies(self, place: PubPlace, period: str) -> list[TallyRow]:
        level = LEVEL_OF[place.kind]
        code = {"city": place.key.split(":")[1], "admin1": place.admin1, "country": place.country}
        rows = self._tally_index(level, period)
        return rows.get(code[place.kind], [])

    def _tally_index(self, level: str, period: str) -> dict[str, list[TallyRow]]:
        cache = self.__dict__.setdefault("_tindex", {})
        if (level, period) not in cache:
            index: dict[str, list[TallyRow]] = defaultdict(list)
            for r in self.tallies[level, period]:
                index[r.place_code].append(r)
            cache[level, period] = index
        return cache[level, period]

    # -- rendering --

    def render(self, path: str, template: str, ctx: dict, *, title: str, description: str) -> bytes:
        tpl = self._templates.get(template)
        if tpl is None:
            tpl = self._templates[template] = get_template(f"publishing/{template}")
        root = root_of(path)
        base = self.options.base_url
        url = (base.rstrip("/") + "/" + path) if base else None
        context = {
            "root": root,
            "path": path,
            "title": title,
            "description": description,
            "site_title": self.snap.title,
            "release_date": self.snap.release_date,
            "url": url,
            "share": _share_links(url, title) if url else None,
            "categories": self.categories,
            **ctx,
        }
        return tpl.render(context).encode()  # type: ignore[attr-defined]

    # -- rows for listings --

    def incident_row(self, inc: PubIncident) -> dict:
        place = self.snap.places.get(inc.place) if inc.place else None
        return {
            "url": inc.url,
            "title": inc.title,
            "when": _when(inc.date_start, inc.date_end),
            "category": inc.category,
            "place": place,
            "range": interval_label(inc.min, inc.max),
            "point": _num(inc.point),
            "status": STATUS_WORDS.get(inc.status, inc.status),
            "status_key": inc.status.replace("_", "-"),
            "origins": inc.origins,
            "claims": len(inc.claims),
        }

    def rows_html(self, incs: Iterable[PubIncident], root: str) -> str:
        """Table rows for incidents, as HTML: each row is built once per link depth and
        reused on every listing it appears in (a city's, its province's, its country's...)."""
        cache = self.__dict__.setdefault("_rows", {})
        parts = []
        for inc in incs:
            key = (inc.id, root)
            html = cache.get(key)
            if html is None:
                html = cache[key] = self._row_html(inc, root)
            parts.append(html)
        return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above

    def _row_html(self, inc: PubIncident, root: str) -> str:
        r = self.incident_row(inc)
        p = r["place"]
        where = f'<a href="{root}{p.url}">{escape(p.name)}</a>' if p else "not known"
        return (
            f'<tr><td>{escape(r["when"])}</td><td><a href="{root}{r["url"]}">'
            f'{escape(r["title"])}</a></td><td>{where}</td><td class="num">'
            f'{escape(r["range"])}</td><td><span class="st st-{r["status_key"]}">'
            f'{escape(r["status"])}</span></td><td class="num">{r["origins"]}</td></tr>\n'
        )

    def claim_row(self, c: PubClaim) -> dict:
        s = self.snap.sources.get(c.source)
        who = self.snap.claimants.get(c.claimant) if c.claimant is not None else None
        inc = self.snap.incidents.get(c.incident) if c.incident is not None else None
        flags = [w for w, on in (("hedged", c.hedged), ("negated", c.negated)) if on]
        if c.stance in ("denies", "disputes"):
            flags.append(c.stance)
        if c.aggregate:
            flags.append("running total" if c.as_of or c.count_kind == "cumulative" else "tally")
        return {
            "id": c.ref,
            "category": c.category,
            "range": "0 (none)" if c.negated else interval_label(c.min, c.max),
            "point": _num(c.point),
            "qualifier": c.qualifier,
            "quote": c.quote,
            "when": _when(c.time_start or None, c.time_end or None)
            + (" (as of)" if c.as_of else ""),
            "place": self.snap.places.get(c.place) if c.place else None,
            "place_name": c.place_name,
            "source": s,
            "claimant": who,
            "attribution": c.attribution_name,
            "verb": c.attribution_verb,
            "via": c.attribution_via,
            "flags": flags,
            "status": c.status,
            "incident": inc,
        }


def _share_links(url: str, title: str) -> list[tuple[str, str]]:
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        ("Email", f"mailto:?subject={t}&body={u}"),
        ("Mastodon", f"https://toot.kytta.dev/?text={t}%20{u}"),
        ("Bluesky", f"https://bsky.app/intent/compose?text={t}%20{u}"),
        ("X", f"https://twitter.com/intent/tweet?text={t}&url={u}"),
        ("Telegram", f"https://t.me/share/url?url={u}&text={t}"),
        ("WhatsApp", f"https://wa.me/?text={t}%20{u}"),
    ]


def root_of(path: str) -> str:
    """The relative way from the page at `path` back to the site's top."""
    return "../" * path.count("/")
