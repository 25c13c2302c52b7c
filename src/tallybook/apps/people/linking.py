"""Link the stored lists, and the capture patterns that estimation starts from."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction

from tallybook.apps.audit.services import audit_record
from tallybook.core.estimate import CaptureTable

from .models import LinkReview, PersonRecord


def _as_linkage_record(r: PersonRecord) -> dict[str, Any]:
    return {
        "record_id": str(r.pk),
        "list": f"list_{r.person_list_id}",  # a table name for Splink: not a bare number
        "name": r.name,
        "name_fa": r.name_fa,
        "father_name": r.father_name,
        "age": r.age,
        "birth_year": r.birth_year,
        "sex": r.sex,
        "place": r.place,
        "date": r.date.isoformat() if r.date else None,
    }


def people_link(*, by: Any | None = None, engine: str | None = None) -> dict[str, int]:
    """Link every stored record within and across lists; store clusters and the review queue.

    Names are decrypted in memory only for the linkage run. Open review pairs
    are replaced by this run's; pairs an analyst decided are kept.
    """
    from tallybook.linkage import link

    records = list(PersonRecord.objects.select_related("person_list").order_by("id"))
    if not records:
        return {"records": 0, "people": 0, "review": 0}
    result = link([_as_linkage_record(r) for r in records], engine=engine)
    with transaction.atomic():
        for r in records:
            r.cluster = result.clusters[str(r.pk)]
        PersonRecord.objects.bulk_update(records, ["cluster"], batch_size=1000)
        LinkReview.objects.filter(decision=LinkReview.Decision.OPEN).delete()
        decided = set(LinkReview.objects.values_list("left_id", "right_id"))
        LinkReview.objects.bulk_create(
            [
                LinkReview(
                    left_id=int(p.id_l),
                    right_id=int(p.id_r),
                    probability=p.probability,
                    reasons=list(p.reasons),
                )
                for p in result.review_pairs
                if (int(p.id_l), int(p.id_r)) not in decided
            ],
            ignore_conflicts=True,
        )
        summary = {
            "records": len(records),
            "people": len(set(result.clusters.values())),
            "review": len(result.review_pairs),
        }
        audit_record(by=by, action="people.link", after=summary)
    return summary


def capture_tables(*, by: str | None = None) -> dict[str, CaptureTable]:
    """Capture patterns of the linked people, in one table or one per stratum.

    `by` is None, "province" (the ISO 3166-2 code of the records' place) or
    "year" (of the records' date). A person whose records disagree is put in
    the stratum most of them name; one with none known goes to "unknown".
    """
    if by not in (None, "province", "year"):
        raise ValueError(f"estimate --by takes province or year, not {by!r}")
    people: dict[str, set[str]] = defaultdict(set)
    votes: dict[str, list[str]] = defaultdict(list)
    lists: dict[str, str] = {}
    rows = PersonRecord.objects.exclude(cluster="").select_related("person_list", "place_ref")
    for r in rows:
        list_name = r.person_list.name
        lists[str(r.person_list_id)] = list_name
        people[r.cluster].add(list_name)
        if by == "province":
            votes[r.cluster].append((r.place_ref.admin1 or "unknown") if r.place_ref else "unknown")
        elif by == "year":
            votes[r.cluster].append(str(r.date.year) if r.date else "unknown")
    names = sorted(set(lists.values()))
    if not people:
        raise ValueError("no linked records: import lists, then run `tallybook link`")
    strata: dict[str, list[frozenset[str]]] = defaultdict(list)
    for cluster, members in people.items():
        known = [v for v in votes.get(cluster, []) if v != "unknown"]
        stratum = (
            "all" if by is None else (max(set(known), key=known.count) if known else "unknown")
        )
        strata[stratum].append(frozenset(members))
    return {k: CaptureTable.from_records(v, names) for k, v in sorted(strata.items())}
