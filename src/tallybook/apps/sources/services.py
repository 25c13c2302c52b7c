"""Writes for sources: ingest (archive + record + audit) and verification."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tallybook import config
from tallybook.apps.audit.services import actor_label, audit_record
from tallybook.core.documents import Document
from tallybook.core.errors import InputRejected
from tallybook.core.readers import Limits
from tallybook.gather import fetch as fetching
from tallybook.gather.files import iter_inputs
from tallybook.gather.sandbox import read as read_bytes

from .archive import Archive, default_archive, sha256_bytes
from .models import Receipt, Sensitivity, Source

# Fields a caller may set over what the reader found (the demo's manifest, a form).
METADATA_FIELDS = ("url", "title", "publisher", "author", "published", "language", "sensitivity")


@dataclass(frozen=True)
class IngestResult:
    """What became of one input: stored now, already there, or refused."""

    origin: str
    source: Source | None = None
    created: bool = False
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def reading_limits() -> Limits:
    return Limits(
        max_bytes=config.get_int("TALLYBOOK_MAX_BYTES"),
        max_decompressed_bytes=config.get_int("TALLYBOOK_MAX_DECOMPRESSED_BYTES"),
        max_ratio=config.get_int("TALLYBOOK_MAX_RATIO"),
        max_pdf_pages=config.get_int("TALLYBOOK_MAX_PDF_PAGES"),
        timeout_s=config.get_int("TALLYBOOK_READ_TIMEOUT"),
        memory_bytes=config.get_int("TALLYBOOK_READ_MEMORY"),
    )


def source_ingest(
    *,
    data: bytes,
    origin: str,
    by: Any | None = None,
    filename: str | None = None,
    media_type: str | None = None,
    charset: str | None = None,
    retrieved_at: datetime | None = None,
    http_status: int | None = None,
    http_headers: dict[str, str] | None = None,
    metadata: dict[str, Any] | None = None,
    archive: Archive | None = None,
    sandbox: bool = True,
) -> tuple[Source, bool]:
    """Archive the bytes and record the source; (source, created).

    Identical bytes are stored once: a second arrival adds a receipt to the
    custody trail. Raises InputRejected for input that cannot be read; then
    nothing is stored.
    """
    archive = archive or default_archive()
    metadata = _clean_metadata(metadata or {})
    received = retrieved_at or timezone.now()
    receipt = {
        "origin": origin,
        "received_at": received,
        "received_by": actor_label(by),
        "http_status": http_status,
        "http_headers": http_headers or {},
    }
    sha = sha256_bytes(data)
    existing = Source.objects.filter(sha256=sha).first()
    if existing is not None:
        _add_receipt(existing, receipt, by)
        return existing, False

    limits = reading_limits()
    doc = read_bytes(
        data,
        sandbox=sandbox,
        filename=filename,
        media_type=media_type,
        charset=charset,
        url=metadata.get("url"),
        limits=limits,
    )
    _, wrote = archive.put(data)
    try:
        with transaction.atomic():
            source = Source.objects.create(
                sha256=sha,
                size=len(data),
                filename=filename or "",
                retrieved_at=received,
                created_by=by if getattr(by, "pk", None) else None,
                **_fields_from(doc, metadata),
            )
            Receipt.objects.create(source=source, **receipt)
            audit_record(by=by, action="source.ingest", obj=source, after=_audit_view(source))
            _after_ingest(source, by)
    except IntegrityError:
        # Another process stored the same bytes first: theirs is the source.
        existing = Source.objects.filter(sha256=sha).first()
        if existing is None:
            if wrote:
                archive.remove(sha)
            raise
        _add_receipt(existing, receipt, by)
        return existing, False
    except BaseException:
        if wrote:
            archive.remove(sha)  # nothing half-written stays behind
        raise
    return source, True


# Later stages (claim extraction) hook in here; each runs inside the ingest
# transaction, so a failure leaves no source without its claims.
AFTER_INGEST: list[Callable[[Source, Any], None]] = []


def _after_ingest(source: Source, by: Any) -> None:
    for hook in AFTER_INGEST:
        hook(source, by)


def _add_receipt(source: Source, receipt: dict, by: Any) -> None:
    with transaction.atomic():
        row = Receipt.objects.create(source=source, **receipt)
        audit_record(
            by=by,
            action="source.receive",
            obj=source,
            after={"origin": row.origin, "received_at": row.received_at.isoformat()},
        )


def _clean_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    unknown = set(metadata) - set(METADATA_FIELDS)
    if unknown:
        raise ValueError(f"unknown source metadata: {', '.join(sorted(unknown))}")
    cleaned = {k: v for k, v in metadata.items() if v not in (None, "")}
    if isinstance(cleaned.get("published"), str):
        try:
            cleaned["published"] = date.fromisoformat(cleaned["published"])
        except ValueError:
            raise ValueError(
                f"published must be YYYY-MM-DD, not {cleaned['published']!r}"
            ) from None
    if "sensitivity" in cleaned and cleaned["sensitivity"] not in Sensitivity.values:
        raise ValueError(
            f"sensitivity must be public or restricted, not {cleaned['sensitivity']!r}"
        )
    return cleaned


def _fields_from(doc: Document, metadata: dict[str, Any]) -> dict[str, Any]:
    fields = {
        "media_type": doc.media_type,
        "url": doc.url or "",
        "title": (doc.title or "")[:1000],
        "publisher": (doc.publisher or "")[:500],
        "author": (doc.author or "")[:500],
        "published": doc.published,
        "language": doc.language or "",
        "text": doc.text,
        "text_sha256": doc.text_sha256,
        "pages": [[p.number, p.start, p.end] for p in doc.pages],
    }
    fields.update(metadata)
    return fields


def _audit_view(source: Source) -> dict[str, Any]:
    return {
        "sha256": source.sha256,
        "size": source.size,
        "media_type": source.media_type,
        "title": source.title,
        "url": source.url,
        "published": source.published.isoformat() if source.published else None,
        "sensitivity": source.sensitivity,
        "text_sha256": source.text_sha256,
    }


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def ingest_inputs(
    inputs: Iterable[str],
    *,
    by: Any | None = None,
    metadata_for: Callable[[str], dict[str, Any]] | None = None,
    sandbox: bool = True,
) -> Iterator[IngestResult]:
    """Ingest paths (files, folders, recursively) and URLs; one result per input file.

    A failing input yields an error result and the others go on.
    """
    limits = reading_limits()
    paths: list[str] = []
    for item in inputs:
        if is_url(item):
            yield from _flush_paths(paths, by, metadata_for, sandbox, limits)
            paths = []
            yield _ingest_url(item, by, metadata_for, sandbox, limits)
        else:
            paths.append(item)
    yield from _flush_paths(paths, by, metadata_for, sandbox, limits)


def _flush_paths(paths, by, metadata_for, sandbox, limits) -> Iterator[IngestResult]:
    if not paths:
        return
    for path, data in iter_inputs(paths, limits=limits):
        if isinstance(data, InputRejected):
            yield IngestResult(origin=path, error=data.reason)
            continue
        metadata = metadata_for(path) if metadata_for else None
        yield _guarded(
            path,
            lambda d=data, p=path, m=metadata: source_ingest(
                data=d, origin=p, by=by, filename=p, metadata=m, sandbox=sandbox
            ),
        )


def _ingest_url(url, by, metadata_for, sandbox, limits) -> IngestResult:
    timeout = float(config.get_int("TALLYBOOK_FETCH_TIMEOUT"))
    try:
        fetched = fetching.fetch(url, limits=limits, timeout=timeout)
    except InputRejected as exc:
        return IngestResult(origin=url, error=exc.reason)
    metadata = {"url": fetched.url, **(metadata_for(url) if metadata_for else {})}
    return _guarded(
        url,
        lambda: source_ingest(
            data=fetched.content,
            origin=url,
            by=by,
            filename=fetched.url.rsplit("/", 1)[-1] or None,
            media_type=fetched.media_type,
            charset=fetched.charset,
            retrieved_at=fetched.retrieved,
            http_status=fetched.status,
            http_headers=fetched.headers,
            metadata=metadata,
            sandbox=sandbox,
        ),
    )


def _guarded(origin: str, run: Callable[[], tuple[Source, bool]]) -> IngestResult:
    try:
        source, created = run()
    except InputRejected as exc:
        return IngestResult(origin=origin, error=exc.reason)
    except ValueError as exc:
        return IngestResult(origin=origin, error=str(exc))
    return IngestResult(origin=origin, source=source, created=created)


@dataclass(frozen=True)
class Mismatch:
    sha256: str
    label: str
    problem: str


def sources_verify(archive: Archive | None = None) -> Iterator[Mismatch]:
    """Re-hash every archived original and the stored text; yield each mismatch."""
    archive = archive or default_archive()
    rows = Source.objects.order_by("id").only(
        "sha256", "title", "filename", "url", "text", "text_sha256"
    )
    for source in rows.iterator(chunk_size=500):
        actual = archive.rehash(source.sha256)
        label = str(source)
        if actual is None:
            yield Mismatch(source.sha256, label, "the archived original is missing")
        elif actual != source.sha256:
            yield Mismatch(
                source.sha256, label, f"the archived original changed: it now hashes to {actual}"
            )
        if hashlib.sha256(source.text.encode("utf-8")).hexdigest() != source.text_sha256:
            yield Mismatch(source.sha256, label, "the stored text no longer matches its hash")
