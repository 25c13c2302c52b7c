"""Writes for lists of people: import (archive + encrypted rows + audit) and key rotation.

Nothing here writes a name anywhere but into an encrypted column: audit
events carry counts, errors name rows and columns, never values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from tallybook import config, crypto
from tallybook.apps.accounts.permissions import Op, require
from tallybook.apps.audit.services import actor_label, audit_record
from tallybook.apps.places.models import Place
from tallybook.apps.sources.archive import Archive, default_archive, sha256_bytes
from tallybook.apps.sources.models import Receipt, Sensitivity, Source

from .lists import ListLimits, ListRejected, ParsedList, PersonRow, parse_list
from .models import IDENTIFYING, PersonList, PersonRecord

MIN_PLACE_SCORE = 0.6  # gazetteer matches on a primary or alternate name; no fuzzy guesses
EMPTY_TEXT_SHA256 = hashlib.sha256(b"").hexdigest()


def list_limits() -> ListLimits:
    return ListLimits(
        max_bytes=config.get_int("TALLYBOOK_MAX_BYTES"),
        max_decompressed_bytes=config.get_int("TALLYBOOK_MAX_DECOMPRESSED_BYTES"),
        max_ratio=config.get_int("TALLYBOOK_MAX_RATIO"),
        max_rows=config.get_int("TALLYBOOK_MAX_LIST_ROWS"),
    )


def person_list_import(
    *,
    path: str | Path | None = None,
    data: bytes | None = None,
    filename: str | None = None,
    mapping: dict[str, str] | None = None,
    by: Any | None = None,
    batch_size: int = 500,
    country: str | None = "IR",
    archive: Archive | None = None,
) -> PersonList:
    """Import a CSV or XLSX list of people; the PersonList, complete.

    The whole file is read and checked before anything is stored: a bad file
    raises ListRejected naming every bad row and leaves nothing behind. Rows
    are then written in batches, each one transaction with its progress
    (`rows_done`) and audit event, so a killed import leaves whole batches
    only; running it again on the same bytes resumes after the last batch,
    and the unique (list, row) constraint means a row is never stored twice.
    """
    if (path is None) == (data is None):
        raise ValueError("give either path or data")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    limits = list_limits()
    if path is not None:
        path = Path(path)
        filename = filename or str(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ListRejected(f"{filename}: cannot be read ({exc.strerror})") from None
        if size > limits.max_bytes:
            raise ListRejected(
                f"{filename}: {size:,} bytes is more than the limit of {limits.max_bytes:,}"
            )
        data = path.read_bytes()
    assert data is not None
    filename = filename or "list.csv"
    parsed = parse_list(data, filename=filename, mapping=mapping, limits=limits)
    ring = _keyring()
    plist = _list_for(
        data, filename, parsed, explicit=bool(mapping), ring=ring, by=by, archive=archive
    )
    if plist.status == PersonList.Status.COMPLETE:
        return plist
    todo = parsed.rows[plist.rows_done :]
    places = _places({r.place for r in todo if r.place}, country, by)
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        _commit_batch(plist, batch, plist.rows_done + len(batch), places, ring, by)
    with transaction.atomic():
        plist.status = PersonList.Status.COMPLETE
        plist.completed_at = timezone.now()
        plist.save(update_fields=["status", "completed_at"])
        audit_record(
            by=by,
            action="people.import_complete",
            obj=plist,
            after={"rows_total": plist.rows_total, "records": plist.records.count()},
        )
    return plist


def _keyring() -> crypto.Keyring:
    """The keyring; a new one only while no encrypted record exists."""
    try:
        return crypto.load_keyring(create=False)
    except crypto.KeyringMissing:
        count = PersonRecord.objects.count()
        if count:
            raise crypto.KeyringMissing(
                f"no keyring at {crypto.keyring_path()}, but {count:,} records are encrypted "
                "with one: restore the keyring from its backup (or set TALLYBOOK_KEYRING to "
                "where it is) before importing more"
            ) from None
        return crypto.load_keyring(create=True)


def _list_for(
    data: bytes,
    filename: str,
    parsed: ParsedList,
    *,
    explicit: bool,
    ring: crypto.Keyring,
    by: Any,
    archive: Archive | None,
) -> PersonList:
    """The list for these bytes: the one begun earlier (to resume), or a new one."""
    sha = sha256_bytes(data)
    existing = PersonList.objects.filter(source__sha256=sha).first()
    if existing is None:
        try:
            return _list_create(data, sha, filename, parsed, ring, by, archive)
        except IntegrityError:  # another process began the same list first
            existing = PersonList.objects.filter(source__sha256=sha).first()
            if existing is None:
                raise
    if explicit and existing.mapping != parsed.mapping:
        raise ListRejected(
            f"{filename}: this file was imported before with another column mapping "
            f"({_mapping_label(existing.mapping)}); run it again without --map, or with "
            "the same mapping"
        )
    if existing.rows_total != len(parsed.rows):
        raise ListRejected(f"{filename}: reads differently from when it was first imported")
    if existing.index_key != ring.index_key_id:
        raise crypto.CryptoError(
            f"{filename}: its records were indexed with blind-index key {existing.index_key!r}, "
            f"but the keyring holds {ring.index_key_id!r}: this is not the keyring it was "
            "imported with"
        )
    return existing


def _mapping_label(mapping: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in mapping.items())


def _list_create(
    data: bytes,
    sha: str,
    filename: str,
    parsed: ParsedList,
    ring: crypto.Keyring,
    by: Any,
    archive: Archive | None,
) -> PersonList:
    source = Source.objects.filter(sha256=sha).first()
    if source is not None and source.sensitivity != Sensitivity.RESTRICTED:
        raise ListRejected(
            f"{filename}: these bytes are already stored as a public source "
            f"({source.short_hash}); a list of people must be restricted"
        )
    archive = archive or default_archive()
    wrote = False
    if source is None:
        _, wrote = archive.put(data)
    try:
        with transaction.atomic():
            if source is None:
                source = _source_record(data, sha, filename, parsed.media_type, by)
            plist = PersonList.objects.create(
                source=source,
                name=Path(filename).name[:500],
                file_format=parsed.file_format,
                mapping=parsed.mapping,
                rows_total=len(parsed.rows),
                index_key=ring.index_key_id,
                created_by=by if getattr(by, "pk", None) else None,
            )
            audit_record(
                by=by,
                action="people.list_create",
                obj=plist,
                after={
                    "source": sha,
                    "format": plist.file_format,
                    "rows_total": plist.rows_total,
                    "fields": sorted(plist.mapping),
                },
            )
    except BaseException:
        if wrote:
            archive.remove(sha)  # nothing half-written stays behind
        raise
    return plist


def _source_record(data: bytes, sha: str, filename: str, media_type: str, by: Any) -> Source:
    """The Source row of a list's archived bytes: restricted, and with no text.

    `source_ingest` is not used: it stores the text it reads in `Source.text`
    (and hands it to claim extraction), which would put every name of the
    list into the database in plaintext. The bytes are archived as any
    original is; the text stays empty.
    """
    now = timezone.now()
    source = Source.objects.create(
        sha256=sha,
        size=len(data),
        media_type=media_type,
        filename=filename[:500],
        title=f"List of people: {Path(filename).name}"[:1000],
        retrieved_at=now,
        text="",
        text_sha256=EMPTY_TEXT_SHA256,
        sensitivity=Sensitivity.RESTRICTED,
        created_by=by if getattr(by, "pk", None) else None,
    )
    Receipt.objects.create(
        source=source,
        origin=filename[:2000],
        received_at=now,
        received_by=actor_label(by),
        http_headers={},
    )
    audit_record(
        by=by,
        action="source.ingest",
        obj=source,
        after={
            "sha256": sha,
            "size": source.size,
            "media_type": source.media_type,
            "title": source.title,
            "sensitivity": source.sensitivity,
            "text_sha256": source.text_sha256,
            "via": "people.list",
        },
    )
    return source


def _places(names: set[str], country: str | None, by: Any) -> dict[str, Place | None]:
    if not names:
        return {}
    from tallybook.apps.places.services import place_from_gazetteer
    from tallybook.core.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    found: dict[str, Place | None] = {}
    for name in sorted(names):
        match = gazetteer.best(name, country=country)
        found[name] = (
            place_from_gazetteer(place=match.place, by=by)
            if match is not None and match.score >= MIN_PLACE_SCORE
            else None
        )
    return found


def _commit_batch(
    plist: PersonList,
    rows: list[PersonRow],
    rows_done: int,
    places: dict[str, Place | None],
    ring: crypto.Keyring,
    by: Any,
) -> None:
    """One transaction: the batch's records, the list's progress, one audit event."""
    with transaction.atomic():
        there = set(
            PersonRecord.objects.filter(
                person_list=plist, row__in=[r.row for r in rows]
            ).values_list("row", flat=True)
        )
        new = []
        for r in rows:
            if r.row in there:
                continue
            record = PersonRecord(
                person_list=plist,
                row=r.row,
                age=r.age,
                birth_year=r.birth_year,
                sex=r.sex,
                place=r.place,
                place_ref=places.get(r.place),
                date=r.date,
                event=r.event,
                status=r.status,
                source_text=r.source,
                notes=list(r.notes),
            )
            record.set_identity(
                name=r.name, name_fa=r.name_fa, father_name=r.father_name, keyring=ring
            )
            new.append(record)
        PersonRecord.objects.bulk_create(new, ignore_conflicts=True)
        PersonList.objects.filter(pk=plist.pk).update(rows_done=rows_done)
        plist.rows_done = rows_done
        audit_record(
            by=by,
            action="people.import_batch",
            obj=plist,
            after={
                "rows": [rows[0].row, rows[-1].row],
                "created": len(new),
                "already_there": len(there),
                "rows_done": rows_done,
                "rows_total": plist.rows_total,
            },
        )


# --- keys --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rotation:
    key: str  # the new current key's id
    previous: str
    records: int  # records re-encrypted
    retired: tuple[str, ...] = ()


def key_rotate(
    *, by: Any | None = None, batch_size: int = 500, retire_old: bool = False
) -> Rotation:
    """Add a new current key and re-encrypt every stored value with it, in batches.

    Old keys stay in the ring (so backups of the database stay readable)
    until `retire_old`, which removes them once no stored value uses them.
    Killed midway, it is safe to run again: each batch is one transaction,
    and a later rotation re-encrypts whatever still uses an older key.
    """
    ring = _keyring()
    previous = ring.current
    new = crypto.add_key(ring.path)
    audit_record(by=by, action="keys.rotate", after={"key": new, "previous": previous})
    records = keys_reencrypt(by=by, batch_size=batch_size)
    retired = tuple(keys_retire(by=by)) if retire_old else ()
    return Rotation(key=new, previous=previous, records=records, retired=retired)


def _stale(current: str) -> Q:
    prefix = f"{crypto.TOKEN_VERSION}:{current}:"
    stale = Q(pk__in=[])
    for field in IDENTIFYING:
        column = f"{field}_enc"
        stale |= ~Q(**{column: ""}) & ~Q(**{f"{column}__startswith": prefix})
    return stale


def keys_reencrypt(*, by: Any | None = None, batch_size: int = 500) -> int:
    """Re-encrypt every value not under the current key; how many records changed."""
    ring = crypto.load_keyring(create=False)
    columns = [f"{f}_enc" for f in IDENTIFYING]
    last, total = 0, 0
    while True:
        with transaction.atomic():
            batch = list(
                PersonRecord.objects.filter(_stale(ring.current), pk__gt=last)
                .order_by("pk")
                .only("pk", "person_list_id", "row", *columns)[:batch_size]
            )
            if not batch:
                break
            for record in batch:
                for field in IDENTIFYING:
                    token = getattr(record, f"{field}_enc")
                    if token and crypto.key_id_of(token) != ring.current:
                        plain = record.reveal(field, keyring=ring)
                        context = record.encryption_context(field)
                        setattr(
                            record,
                            f"{field}_enc",
                            crypto.encrypt(plain, context=context, keyring=ring),
                        )
            PersonRecord.objects.bulk_update(batch, columns)
            audit_record(
                by=by, action="keys.reencrypt", after={"key": ring.current, "records": len(batch)}
            )
        last = batch[-1].pk
        total += len(batch)
    return total


def keys_in_use() -> dict[str, int]:
    """Key id -> how many stored values use it."""
    counts: dict[str, int] = {}
    columns = [f"{f}_enc" for f in IDENTIFYING]
    for tokens in PersonRecord.objects.values_list(*columns).iterator(chunk_size=2000):
        for token in tokens:
            if token:
                key_id = crypto.key_id_of(token)
                counts[key_id] = counts.get(key_id, 0) + 1
    return counts


def keys_retire(*, by: Any | None = None) -> list[str]:
    """Remove from the ring every key no stored value uses any more; their ids.

    Refuses while any value still uses a key other than the current one.
    """
    ring = crypto.load_keyring(create=False)
    in_use = keys_in_use()
    stale = sorted(k for k in in_use if k != ring.current)
    if stale:
        raise crypto.CryptoError(
            f"{sum(in_use[k] for k in stale):,} values still use key(s) {', '.join(stale)}: "
            "run `tallybook keys rotate` to re-encrypt them first"
        )
    removed = crypto.retire_keys({ring.current}, ring.path)
    if removed:
        audit_record(
            by=by, action="keys.retire", after={"retired": removed, "current": ring.current}
        )
    return removed


# --- linkage review ----------------------------------------------------------------------


def link_review_decide(*, review: Any, decision: str, by: Any, note: str = "") -> Any:
    """Record an analyst's answer on an uncertain pair; "same" joins the two people.

    A person (a cluster) holds at most one record per list, as `people_link`
    builds them: a join that would break that is refused with ValueError and
    nothing changes. The audit event names records by id only. The note is not
    written to the append-only log (it may name the person): only whether one
    was given.
    """
    from .models import LinkReview

    require(by, Op.REVIEW_LINKS, review)
    if decision not in (LinkReview.Decision.SAME, LinkReview.Decision.DIFFERENT):
        raise ValueError(f"a decision is 'same' or 'different', not {decision!r}")
    with transaction.atomic():
        review = (
            LinkReview.objects.select_for_update().select_related("left", "right").get(pk=review.pk)
        )
        if review.decision != LinkReview.Decision.OPEN:
            raise ValueError(
                f"pair {review.pk} (records {review.left_id} and {review.right_id}) was already "
                f"decided: {review.get_decision_display()}"
            )
        left, right = review.left, review.right
        before = {"decision": review.decision, "clusters": [left.cluster, right.cluster]}
        joined: dict[str, Any] = {}
        if decision == LinkReview.Decision.SAME:
            joined = _clusters_join(left, right)
        review.decision = decision
        review.decided_by = by if getattr(by, "pk", None) else None
        review.decided_at = timezone.now()
        review.save(update_fields=["decision", "decided_by", "decided_at"])
        audit_record(
            by=by,
            action="people.link_decide",
            obj=review,
            before=before,
            after={
                "decision": decision,
                "records": [left.pk, right.pk],
                "probability": review.probability,
                **joined,
                "noted": bool(note.strip()),
            },
        )
    return review


def _cluster_members(record: PersonRecord) -> list[PersonRecord]:
    if not record.cluster:  # never linked: a person of its own
        return [record]
    members = PersonRecord.objects.filter(cluster=record.cluster)
    return list(members.only("pk", "person_list_id", "cluster"))


def _clusters_join(left: PersonRecord, right: PersonRecord) -> dict[str, Any]:
    """Move right's person into left's; the ids moved and the cluster they joined."""
    if left.cluster and left.cluster == right.cluster:
        return {"cluster": left.cluster, "moved": []}
    ours, theirs = _cluster_members(left), _cluster_members(right)
    shared = {r.person_list_id for r in ours} & {r.person_list_id for r in theirs}
    if shared:
        lists = ", ".join(str(i) for i in sorted(shared))
        raise ValueError(
            f"records {left.pk} and {right.pk} cannot be one person: that person would hold "
            f"two records of list {lists}, and a person holds at most one record per list"
        )
    target = left.cluster or right.cluster or f"list_{left.person_list_id}#{left.pk}"
    moving = [r.pk for r in (*ours, *theirs) if r.cluster != target]
    PersonRecord.objects.filter(pk__in=moving).update(cluster=target)
    return {"cluster": target, "moved": sorted(moving)}
