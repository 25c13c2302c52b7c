"""Every page of the site and its feeds, in a fixed order (so the bytes are too)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from importlib import resources

from tallybook.analytics.tally import TallyRow
from tallybook.core.corroborate.aggregates import KIND_ORDER
from tallybook.publish import feeds
from tallybook.publish.manifest import sha256
from tallybook.publish.model import (
    PubIncident,
    Snapshot,
    interval_label,
)

from .base import (
    BIG_PAGE,
    FEED_ENTRIES,
    LIST_LIMIT,
    STATUS_WORDS,
    Options,
    Site,
    _num,
    _sum,
    _when,
    root_of,
)
from .charts import _charts, _map, _with_root
from .downloads import _data_files
from .figures import _figure_groups, _incident_figures


def render_site(snap: Snapshot, options: Options) -> Iterator[tuple[str, bytes]]:
    """Every file of the release except the manifest and its signature."""
    site = Site(snap, options)
    pages: list[str] = []

    def page(path: str, *args, **kwargs) -> tuple[str, bytes]:
        pages.append(path)
        return path, site.render(path, *args, **kwargs)

    yield "style.css", _asset("style.css")
    yield "enhance.js", _asset("enhance.js")
    yield "release-key.pub", options.public_key_pem.encode()
    downloads = []  # (path, size, SHA-256) for data.html; the bytes are not kept
    for path, data in _data_files(site):
        downloads.append((path, len(data), sha256(data)))
        yield path, data
    yield page(
        "index.html",
        "home.html",
        _home(site),
        title=snap.title,
        description=_home_description(site),
    )
    yield page(
        "methodology.html",
        "methodology.html",
        {"fingerprint": options.key_fingerprint, "counts": _counts(site)},
        title="Methodology",
        description="How the figures on this site are made: intervals, "
        "independent origins, incidents, tallies and estimates.",
    )
    yield page(
        "data.html",
        "data.html",
        {
            "files": downloads,
            "fingerprint": options.key_fingerprint,
        },
        title="Data downloads",
        description="Every published claim, incident, source and tally "
        "as CSV, JSON and GeoJSON, with a signed manifest.",
    )
    yield page(
        "figures.html",
        "figures.html",
        {"groups": _figure_groups(site)},
        title="Competing figures",
        description="Running totals from different claimants side by side.",
    )
    yield from _incident_pages(site, page)
    yield from _place_pages(site, page)
    yield from _category_pages(site, page)
    yield from _tag_pages(site, page)
    yield from _source_pages(site, page)
    yield from _claimant_pages(site, page)
    yield from _feeds(site)
    yield "sitemap.xml", feeds.sitemap(pages, base_url=options.base_url)


def _asset(name: str) -> bytes:
    return (resources.files("tallybook.apps.publishing") / "assets" / name).read_bytes()


def _counts(site: Site) -> dict:
    s = site.snap
    return {
        "claims": len(s.claims),
        "incidents": len(s.incidents),
        "sources": len(s.sources),
        "claimants": len(s.claimants),
        "places": len(s.places),
    }


def _home_description(site: Site) -> str:
    parts = []
    for cat in site.categories[:4]:
        t = _sum(site.by_category[cat])
        parts.append(f"{cat}: {t['range']}")
    return "Documented incidents, as ranges: " + "; ".join(parts) if parts else "No incidents yet."


def _brief(figures: list[dict], keep: int = 3) -> list[dict]:
    """Figures with at most `keep` of their claims each; the incident page has them all."""
    return [
        {**f, "claims": f["claims"][:keep], "more": max(0, len(f["claims"]) - keep)}
        for f in figures
    ]


def _headline(site: Site, cat: str) -> dict:
    incs = site.by_category[cat]
    t = _sum(incs)
    groups = {site.snap.claims[c].origin_group for i in incs for c in i.claims}
    days = sorted(d for i in incs for d in (i.date_start, i.date_end) if d)
    t.update(
        category=cat,
        origins=len(groups),
        first=days[0] if days else None,
        last=days[-1] if days else None,
        url=f"categories/{cat}.html",
    )
    return t


def _home(site: Site) -> dict:
    headline = [_headline(site, cat) for cat in site.categories]
    groups = [g for g in _figure_groups(site) if len(g["figures"]) > 1]
    latest = _newest_first(site.incidents)[:15]
    contested = [i for i in _newest_first(site.incidents) if i.status == "contested"]
    return {
        "headline": headline,
        "competing": groups[:12],
        "competing_more": len(groups) > 12,
        "contested": [
            {"inc": site.incident_row(i), "figures": _brief(_incident_figures(site, i))}
            for i in contested[:5]
        ],
        "contested_total": len(contested),
        "latest": site.rows_html(latest, ""),
        "map": _with_root(
            _map(site, site.incidents, ident="home-map", title="Where documented incidents are"), ""
        ),
        "countries": [
            p
            for p in sorted(site.snap.places.values(), key=lambda p: p.name)
            if p.kind == "country"
        ],
        "counts": _counts(site),
    }


def _incident_pages(site: Site, page) -> Iterator[tuple[str, bytes]]:
    snap = site.snap
    for inc in site.incidents:
        claims = [snap.claims[c] for c in inc.claims]
        figures = _incident_figures(site, inc)
        places = [snap.places[k] for k in reversed(site.ancestors(inc.place))]
        ctx = {
            "inc": site.incident_row(inc),
            "status_key": inc.status,
            "places": places,
            "figures": figures,
            "claims": [site.claim_row(c) for c in claims],
            "tags": [(t, snap.tags.get(t, t)) for t in inc.tags],
            "date_start": inc.date_start,
        }
        where = places[-1].name if places else "place unknown"
        desc = (
            f"{inc.category}: {interval_label(inc.min, inc.max)} in {where}, "
            f"{_when(inc.date_start, inc.date_end)}; {len(claims)} claim(s), "
            f"{inc.origins} independent origin(s)."
        )
        yield page(inc.url, "incident.html", ctx, title=inc.title, description=desc)
    # The incident index: one page per month, so a new incident rewrites one list page.
    by_month: dict[str, list[PubIncident]] = defaultdict(list)
    for inc in site.incidents:
        by_month[inc.month].append(inc)
    months = sorted(by_month, reverse=True)
    yield page(
        "incidents/index.html",
        "month_index.html",
        {
            "months": [(m, f"incidents/{m}.html", len(by_month[m])) for m in months],
            "heading": "Incidents by month",
        },
        title="Incidents",
        description=f"{len(site.incidents)} incidents by month.",
    )
    for m in months:
        rows = site.rows_html(_newest_first(by_month[m]), "../")
        yield page(
            f"incidents/{m}.html",
            "incident_list.html",
            {"rows": rows, "heading": f"Incidents: {m}", "up": "incidents/index.html"},
            title=f"Incidents: {m}",
            description=f"{len(by_month[m])} incidents in {m}.",
        )


def _newest_first(incs: Sequence[PubIncident]) -> list[PubIncident]:
    return sorted(incs, key=lambda i: (i.date_start or "", i.id), reverse=True)


def _periods(items: Sequence) -> dict[str, list]:
    """Items by year, or by month within a year holding more than BIG_PAGE of them.

    Pages per period, not numbered pages: a new item rewrites one period's
    page instead of shifting every page after it.
    """
    by_year: dict[str, list] = defaultdict(list)
    for x in items:
        by_year[x.month[:4] if x.month != "undated" else x.month].append(x)
    out: dict[str, list] = {}
    for year, xs in by_year.items():
        if len(xs) <= BIG_PAGE:
            out[year] = xs
            continue
        for x in xs:
            out.setdefault(x.month, []).append(x)
    return out


def _listing(site: Site, page, base: str, incs: Sequence[PubIncident], heading: str):
    """Incidents inline when few; else a period index here and a page per year or month under
    `base/`.

    Returns (context for the parent page, pages to yield).
    """
    if len(incs) <= LIST_LIMIT:
        rows = site.rows_html(_newest_first(incs), root_of(f"{base}.html"))
        return {"rows": rows, "months": None}, []
    by_month = _periods(incs)
    months = sorted(by_month, reverse=True)
    extra = []
    for m in months:
        rows = site.rows_html(_newest_first(by_month[m]), root_of(f"{base}/{m}.html"))
        extra.append(
            page(
                f"{base}/{m}.html",
                "incident_list.html",
                {"rows": rows, "heading": f"{heading}: {m}", "up": f"{base}.html"},
                title=f"{heading}: {m}",
                description=f"{len(by_month[m])} incidents.",
            )
        )
    return {
        "rows": None,
        "months": [(m, f"{base}/{m}.html", len(by_month[m])) for m in months],
    }, extra


def _place_pages(site: Site, page) -> Iterator[tuple[str, bytes]]:
    snap = site.snap
    ordered = sorted(snap.places.values(), key=lambda p: p.key)
    for p in ordered:
        incs = site.by_place.get(p.key, [])
        base = p.url[: -len(".html")]
        listing, extra = _listing(site, page, base, incs, p.name)
        yield from extra
        summary = []
        for cat in site.categories:
            sel = [i for i in incs if i.category == cat]
            if sel:
                t = _sum(sel)
                t["category"] = cat
                t["origins"] = len({snap.claims[c].origin_group for i in sel for c in i.claims})
                summary.append(t)
        years = [
            {**r._asdict(), "range": interval_label(r.min, r.max), "point": _num(r.point)}
            for r in site.place_tallies(p, "year")
        ]
        root = "../" * p.url.count("/")
        ctx = {
            "place": p,
            "chain": [snap.places[k] for k in reversed(site.ancestors(p.parent))],
            "children": site.children.get(p.key, []),
            "summary": summary,
            "years": years,
            "charts": _charts(
                site, lambda period, p=p: site.place_tallies(p, period), f"chart-{p.slug}", p.name
            ),
            "map": _with_root(
                _map(site, incs, ident=f"map-{p.slug}", title=f"Incidents in {p.name}"), root
            )
            if p.kind != "city"
            else None,
            "feed": f"feeds/place-{p.slug}.atom",
            **listing,
        }
        desc = "; ".join(f"{t['category']}: {t['range']}" for t in summary) or "No incidents."
        yield page(p.url, "place.html", ctx, title=f"{p.name} ({p.kind_label})", description=desc)
    countries = [p for p in ordered if p.kind == "country"]
    yield page(
        "places/index.html",
        "place_index.html",
        {
            "tree": [
                (c, [(a, site.children.get(a.key, [])) for a in site.children.get(c.key, [])])
                for c in sorted(countries, key=lambda c: c.name)
            ]
        },
        title="Places",
        description="Countries, provinces and cities with published incidents.",
    )


def _category_pages(site: Site, page) -> Iterator[tuple[str, bytes]]:
    for cat in site.categories:
        incs = site.by_category[cat]
        listing, extra = _listing(site, page, f"categories/{cat}", incs, cat)
        yield from extra
        by_country = [
            {**r._asdict(), "range": interval_label(r.min, r.max), "point": _num(r.point)}
            for r in site.tallies["country", "year"]
            if r.category == cat
        ]

        def rows_for(period: str, cat=cat) -> list[TallyRow]:
            return [r for r in site.tallies["country", period] if r.category == cat]

        charts = [
            c for c in _charts(site, rows_for, f"chart-{cat}", "all places") if c["category"] == cat
        ]
        ctx = {
            "category": cat,
            "headline": _headline(site, cat),
            "by_country": by_country,
            "charts": charts,
            "map": _with_root(_map(site, incs, ident=f"map-{cat}", title=f"{cat}: where"), "../"),
            "groups": _figure_groups(site, cat),
            "feed": f"feeds/category-{cat}.atom",
            **listing,
        }
        t = _sum(incs)
        yield page(
            f"categories/{cat}.html",
            "category.html",
            ctx,
            title=f"Category: {cat}",
            description=f"{cat}: {t['range']} in {t['incidents']} incidents.",
        )
    yield page(
        "categories/index.html",
        "category_index.html",
        {"headline": [_headline(site, c) for c in site.categories]},
        title="Categories",
        description="Every category with its tally.",
    )


def _tag_pages(site: Site, page) -> Iterator[tuple[str, bytes]]:
    for slug, name in site.snap.tags.items():
        incs = site.by_tag.get(slug, [])
        listing, extra = _listing(site, page, f"tags/{slug}", incs, f"Tag: {name}")
        yield from extra
        yield page(
            f"tags/{slug}.html",
            "tag.html",
            {"name": name, **listing},
            title=f"Tag: {name}",
            description=f"{len(incs)} incidents tagged {name}.",
        )
    yield page(
        "tags/index.html",
        "tag_index.html",
        {
            "tags": [
                (slug, name, len(site.by_tag.get(slug, [])))
                for slug, name in site.snap.tags.items()
            ]
        },
        title="Tags",
        description="Incidents by tag.",
    )


def _source_pages(site: Site, page) -> Iterator[tuple[str, bytes]]:
    sources = sorted(site.snap.sources.values(), key=lambda s: s.slug)
    for s in sources:
        claims = site.claims_by_source.get(s.id, [])
        yield page(
            s.page,
            "source.html",
            {"source": s, "claims": [site.claim_row(c) for c in claims]},
            title=s.title or s.publisher or s.slug,
            description=f"{len(claims)} reviewed claim(s) from {s.publisher or 'a source'}"
            f"{', ' + s.published if s.published else ''}.",
        )
    by_month: dict[str, list] = defaultdict(list)
    for s in sources:
        by_month[(s.published or "")[:7] or "undated"].append(s)
    rows = sorted(sources, key=lambda s: (s.published or "", s.slug), reverse=True)
    if len(rows) <= LIST_LIMIT * 5:
        yield page(
            "sources/index.html",
            "source_index.html",
            {"rows": rows, "months": None},
            title="Sources",
            description=f"{len(rows)} public sources.",
        )
        return
    months = sorted(by_month, reverse=True)
    for m in months:
        yield page(
            f"sources/{m}.html",
            "source_index.html",
            {
                "rows": sorted(
                    by_month[m], key=lambda s: (s.published or "", s.slug), reverse=True
                ),
                "months": None,
                "up": "sources/index.html",
                "heading": f"Sources: {m}",
            },
            title=f"Sources: {m}",
            description=f"Sources published in {m}.",
        )
    yield page(
        "sources/index.html",
        "source_index.html",
        {"rows": None, "months": [(m, f"sources/{m}.html", len(by_month[m])) for m in months]},
        title="Sources",
        description=f"{len(rows)} public sources.",
    )


def _claimant_pages(site: Site, page) -> Iterator[tuple[str, bytes]]:
    claimants = sorted(site.snap.claimants.values(), key=lambda a: a.slug)
    for a in claimants:
        claims = site.claims_by_claimant.get(a.id, [])
        base = a.url[: -len(".html")]
        parent = site.snap.claimants.get(a.affiliation) if a.affiliation else None
        members = [m for m in claimants if m.affiliation == a.id]
        ctx: dict = {"claimant": a, "parent": parent, "members": members}
        if len(claims) <= LIST_LIMIT:
            ctx.update(claims=[site.claim_row(c) for c in reversed(claims)], months=None)
        else:
            by_month = _periods(claims)
            months = sorted(by_month, reverse=True)
            for m in months:
                yield page(
                    f"{base}/{m}.html",
                    "claim_list.html",
                    {
                        "claims": [site.claim_row(c) for c in reversed(by_month[m])],
                        "heading": f"{a.name}: {m}",
                        "up": a.url,
                    },
                    title=f"{a.name}: {m}",
                    description=f"Claims by {a.name} in {m}.",
                )
            ctx.update(
                claims=None, months=[(m, f"{base}/{m}.html", len(by_month[m])) for m in months]
            )
        yield page(
            a.url,
            "claimant.html",
            ctx,
            title=a.name,
            description=f"{a.name} ({a.kind_label}): {len(claims)} reviewed claim(s).",
        )
    yield page(
        "claimants/index.html",
        "claimant_index.html",
        {
            "groups": [
                (k, [a for a in claimants if a.kind_label == k])
                for k in KIND_ORDER
                if any(a.kind_label == k for a in claimants)
            ],
            "counts": {a.id: len(site.claims_by_claimant.get(a.id, [])) for a in claimants},
        },
        title="Claimants",
        description="Who the figures come from, by kind.",
    )


def _entry(site: Site, inc: PubIncident) -> feeds.Entry:
    feed_id = f"urn:tallybook:incident:{inc.ref}"
    return feeds.Entry(
        id=feed_id,
        title=f"{inc.title}: {interval_label(inc.min, inc.max)}",
        path=inc.url,
        updated=inc.date_end or inc.date_start or site.snap.release_date,
        summary=(
            f"{inc.category}: {interval_label(inc.min, inc.max)} "
            f"({STATUS_WORDS.get(inc.status, inc.status)}, {inc.origins} independent origin(s), "
            f"{len(inc.claims)} claim(s))"
        ),
        categories=(inc.category,),
    )


def _feed(site: Site, path: str, page: str, title: str, incs: Sequence[PubIncident]) -> bytes:
    newest = _newest_first(incs)[:FEED_ENTRIES]
    entries = [_entry(site, i) for i in newest]
    updated = max((e.updated for e in entries), default=site.snap.release_date)
    base = site.options.base_url
    feed_id = (base.rstrip("/") + "/" + path) if base else f"urn:tallybook:feed:{path}"
    return feeds.atom_feed(
        path=path,
        feed_id=feed_id,
        title=title,
        page=page,
        updated=updated,
        entries=entries,
        base_url=base,
        author=site.snap.title,
    )


def _feeds(site: Site) -> Iterator[tuple[str, bytes]]:
    for cat in site.categories:
        path = f"feeds/category-{cat}.atom"
        yield (
            path,
            _feed(
                site,
                path,
                f"categories/{cat}.html",
                f"{site.snap.title}: {cat}",
                site.by_category[cat],
            ),
        )
    for p in sorted(site.snap.places.values(), key=lambda p: p.key):
        path = f"feeds/place-{p.slug}.atom"
        yield (
            path,
            _feed(site, path, p.url, f"{site.snap.title}: {p.name}", site.by_place.get(p.key, [])),
        )
