"""`tallybook publish` over 100,000 incidents, then again after 100 changes.

The synthetic data (FICTIONAL: invented claimants and reports, real Iranian
cities) is written straight into a fresh SQLite database, and the release is
made by the real path: `publish_release` (snapshot selectors, Django
templates, SVG, data files, signed manifest, incremental writer). Each
incident has one to three reviewed claims from different sources; one
source in twenty is restricted and its claims must stay out; a few hundred
running totals give competing figures.

Rows: the first publish (seconds, pages, pages per second, peak resident
memory of the publish alone; `cpu_seconds` is steadier than wall time on a
shared machine), then a republish after 100 claims are edited
through `claim_edit` (seconds, files rewritten / unchanged / removed). It
runs in a fresh process with its own data folder, so nothing touches the
user's data and the memory peak is its own.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path

BENCHMARK = "publish static site"
INCIDENTS = 100_000
CHANGES = 100
SEED = 11
CITIES = (
    "Tehran",
    "Mashhad",
    "Isfahan",
    "Karaj",
    "Shiraz",
    "Tabriz",
    "Qom",
    "Ahvaz",
    "Kermanshah",
    "Urmia",
    "Rasht",
    "Zahedan",
    "Kerman",
    "Hamadan",
    "Yazd",
    "Ardabil",
    "Bandar Abbas",
    "Arak",
    "Zanjan",
    "Sanandaj",
    "Qazvin",
    "Khorramabad",
    "Gorgan",
    "Sari",
    "Bojnurd",
    "Bushehr",
    "Birjand",
    "Ilam",
    "Shahrekord",
    "Yasuj",
    "Semnan",
    "Saqqez",
    "Mahabad",
    "Javanrud",
    "Izeh",
    "Khash",
    "Saravan",
    "Iranshahr",
    "Baneh",
    "Piranshahr",
)
CATEGORIES = ("killed", "arrested", "detained", "injured", "executed", "protests", "died")
KINDS = ("government", "state_media", "ngo", "ngo", "media", "media", "political_group", "other")


def _rss(field: str) -> float | None:
    found = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.M)
    return int(found.group(1)) / 1024 if found else None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def generate(n_incidents: int, seed: int = SEED) -> dict:
    """Write the synthetic corpus into the configured database; counts of what was written."""
    from django.db import transaction

    from tallybook.apps.claims.models import Actor, Claim
    from tallybook.apps.incidents.models import Incident, Tag
    from tallybook.apps.places.services import place_from_gazetteer
    from tallybook.apps.sources.models import Sensitivity, Source
    from tallybook.core import gazetteer

    rng = random.Random(seed)
    g = gazetteer.Gazetteer.default()
    places = [place_from_gazetteer(place=g.best(name, country="IR").place) for name in CITIES]
    provinces = sorted({p.admin1 for p in places if p.admin1})
    province_places = [place_from_gazetteer(place=g.province(code)) for code in provinces]
    actors = Actor.objects.bulk_create(
        Actor(name=f"Synthetic {kind.replace('_', ' ')} {i} (fictional)", kind=kind)
        for i, kind in enumerate(KINDS * 2)
    )
    tags = [Tag.objects.create(name=f"synthetic campaign {i}") for i in range(20)]
    start = date(2019, 1, 1)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    counts = {"incidents": 0, "claims": 0, "sources": 0}
    serial = 0

    def source(text: str, when: date, restricted: bool) -> Source:
        nonlocal serial
        serial += 1
        body = f"FICTIONAL synthetic report {serial}. {text}\n"
        digest = hashlib.sha256(body.encode()).hexdigest()
        return Source(
            sha256=digest,
            size=len(body),
            media_type="text/plain",
            filename=f"r{serial}.txt",
            url=f"https://synthetic{serial % 97}.example/r/{serial}",
            title=f"Synthetic report {serial} (fictional)",
            publisher=f"Synthetic outlet {serial % 50}",
            published=when,
            retrieved_at=now,
            language="en",
            text=body,
            text_sha256=hashlib.sha256(body.encode()).hexdigest(),
            sensitivity=Sensitivity.RESTRICTED if restricted else Sensitivity.PUBLIC,
        )

    batch = 5_000
    for first in range(0, n_incidents, batch):
        size = min(batch, n_incidents - first)
        plans, specs = [], []
        for i in range(size):
            place = rng.choice(places)
            category = rng.choice(CATEGORIES)
            day = start + timedelta(days=rng.randrange(7 * 365))
            base = rng.randint(1, 60)
            members = []
            for k in range(rng.choice((1, 1, 2, 2, 3))):
                n = base if k == 0 else max(1, int(base * rng.uniform(0.5, 3)))
                quote = f"{n} people were {category} in {place.name} on {day}"
                members.append([None, quote, n, rng.choice(actors)])
                specs.append((k, i, members[-1], day))
            plans.append((place, category, day, members))
        # Reports of two to six claims each; an incident's claims sit in different reports
        # (stream k), so they count as independent origins.
        specs.sort(key=lambda x: (x[0], x[1]))
        srcs = []
        pos = 0
        while pos < len(specs):
            end = pos + 1
            limit = pos + rng.randint(2, 6)
            while end < min(limit, len(specs)) and specs[end][0] == specs[pos][0]:
                end += 1
            chunk, pos = specs[pos:end], end
            text = " ".join(f"Witnesses said {m[1]}." for _, _, m, _ in chunk)
            src = source(text, max(d for *_, d in chunk), rng.random() < 0.05)
            srcs.append(src)
            for _, _, m, _ in chunk:
                m[0] = src
        with transaction.atomic():
            Source.objects.bulk_create(srcs, batch_size=2000)
            incidents = Incident.objects.bulk_create(
                [
                    Incident(
                        title=f"{cat} · {pl.name} · {d}",
                        category=cat,
                        place=pl,
                        date_start=d,
                        date_end=d,
                        confirmed=True,
                    )
                    for pl, cat, d, _ in plans
                ],
                batch_size=2000,
            )
            claims = []
            for inc, (place, category, day, members) in zip(incidents, plans, strict=True):
                for src, quote, n, actor in members:
                    at = src.text.index(quote)
                    claims.append(
                        Claim(
                            source=src,
                            category=category,
                            unit="people",
                            min=n,
                            max=n,
                            exact=True,
                            point=n,
                            place=place,
                            place_name=place.name,
                            place_precision="city",
                            time_start=day.isoformat(),
                            time_end=day.isoformat(),
                            time_anchor="explicit",
                            count_kind="incremental",
                            attribution_name=actor.name,
                            attribution_verb="said",
                            attribution_stance="reports",
                            claimant=actor,
                            span_start=at,
                            span_end=at + len(quote),
                            quote=quote,
                            extractor="synthetic",
                            status=Claim.Status.ACCEPTED,
                            incident=inc,
                        )
                    )
            Claim.objects.bulk_create(claims, batch_size=2000)
            through = Incident.tags.through
            through.objects.bulk_create(
                [
                    through(incident_id=inc.pk, tag_id=rng.choice(tags).pk)
                    for inc in incidents
                    if rng.random() < 0.05
                ],
                batch_size=2000,
            )
        counts["incidents"] += len(incidents)
        counts["claims"] += len(claims)
        counts["sources"] += len(srcs)
    # Running totals per province and month, from two or three claimants: competing figures.
    totals, srcs = [], []
    for _ in range(max(10, n_incidents // 200)):
        prov = rng.choice(province_places)
        end = start + timedelta(days=rng.randrange(7 * 365))
        for actor in rng.sample(actors, rng.choice((2, 3))):
            n = rng.randint(50, 5_000)
            quote = f"{n} people had been killed in the province"
            src = source(f"The toll: {quote} so far.", end, False)
            srcs.append(src)
            totals.append((src, quote, n, actor, prov, end))
    Source.objects.bulk_create(srcs, batch_size=2000)
    Claim.objects.bulk_create(
        [
            Claim(
                source=src,
                category="killed",
                unit="people",
                min=n,
                max=n,
                exact=True,
                point=n,
                place=prov,
                place_name=prov.name,
                place_precision="admin1",
                time_end=end.isoformat(),
                as_of=True,
                time_anchor="explicit",
                count_kind="cumulative",
                attribution_name=actor.name,
                claimant=actor,
                attribution_stance="reports",
                span_start=src.text.index(quote),
                span_end=src.text.index(quote) + len(quote),
                quote=quote,
                extractor="synthetic",
                status=Claim.Status.ACCEPTED,
            )
            for src, quote, n, actor, prov, end in totals
        ],
        batch_size=2000,
    )
    counts["claims"] += len(totals)
    counts["sources"] += len(srcs)
    return counts


def measure(n_incidents: int, changes: int) -> list[dict]:
    """In a fresh process with its own data folder: generate, publish, change, republish."""
    work = Path(tempfile.mkdtemp(prefix="tallybook-bench-publish-"))
    os.environ["TALLYBOOK_DATA_DIR"] = str(work / "data")
    os.environ.pop("DATABASE_URL", None)
    try:
        from django.core.management import call_command

        from tallybook.site import setup

        setup()
        call_command("migrate", verbosity=0, interactive=False)
        from tallybook.apps.claims.models import Claim
        from tallybook.apps.claims.services import claim_edit
        from tallybook.apps.publishing.services import publish_release

        started = time.perf_counter()
        counts = generate(n_incidents)
        gen_seconds = time.perf_counter() - started
        out = work / "site"
        key = work / "release.pem"
        input_mb = _rss("VmRSS")
        reset = _reset_peak()
        cpu = time.process_time()
        first = publish_release(out=out, key_path=key, release_date="2026-01-01")
        first_cpu = time.process_time() - cpu
        peak = _rss("VmHWM") if reset else None
        site_mb = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20

        rng = random.Random(SEED + 1)
        ids = list(Claim.objects.filter(incident__isnull=False).values_list("id", flat=True))
        for claim in Claim.objects.filter(pk__in=rng.sample(ids, min(changes, len(ids)))):
            claim_edit(claim=claim, by=None, changes={"max": claim.max + 7}, note="bench")
        cpu = time.process_time()
        second = publish_release(out=out, key_path=key, release_date="2026-01-01")
        second_cpu = time.process_time() - cpu
        s1, s2 = first.stats, second.stats
        return [
            {
                "engine": "tallybook publish (SQLite)",
                "n": counts["incidents"],
                "seconds": first.seconds,
                "cpu_seconds": round(first_cpu, 1),
                "per_second": first.pages / first.seconds,
                "peak_mb": round(peak) if peak else None,
                "input_mb": round(input_mb) if input_mb else None,
                "pages": first.pages,
                "files": s1.files,
                "site_mb": round(site_mb),
                "claims": counts["claims"],
                "generate_seconds": round(gen_seconds, 1),
            },
            {
                "engine": f"republish after {changes} changes",
                "n": counts["incidents"],
                "seconds": second.seconds,
                "cpu_seconds": round(second_cpu, 1),
                "written": s2.written,
                "unchanged": s2.unchanged,
                "removed": s2.removed,
                "ratio": second.seconds / first.seconds,
            },
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(scale: float = 1.0) -> list[dict]:
    n = max(100, int(INCIDENTS * scale))
    # A fresh interpreter: Django's settings read the data folder once, and the
    # memory peak must be this benchmark's alone.
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        rows = pool.submit(measure, n, CHANGES).result()
    for row in rows:
        row["benchmark"] = BENCHMARK
        row["target"] = "record"
    return rows


if __name__ == "__main__":
    import json

    print(json.dumps(run(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0), indent=2))
