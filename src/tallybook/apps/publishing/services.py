"""Publish a release: render the public snapshot, write it incrementally, sign it, audit it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tallybook import config
from tallybook.apps.audit.services import audit_record
from tallybook.publish import manifest as mf
from tallybook.publish.writer import ReleaseWriter, WriteStats

from .site import Options, render_site
from .snapshot import build_snapshot


@dataclass(frozen=True)
class PublishResult:
    out: Path
    stats: WriteStats
    pages: int  # HTML pages in the release
    release_date: str
    fingerprint: str
    manifest_sha256: str
    seconds: float


def release_key_path() -> Path:
    configured = config.get("TALLYBOOK_RELEASE_KEY")
    if configured:
        return Path(configured).expanduser()
    return config.data_dir() / "keys" / "release-key.pem"


def publish_release(
    *,
    out: Path,
    by: Any | None = None,
    release_date: str | None = None,
    base_url: str | None = None,
    key_path: Path | None = None,
    title: str | None = None,
) -> PublishResult:
    """Write the static site for the reviewed public data into `out`, and record it.

    Raises `ReleaseError` (naming the path and the reason) for an unusable
    `out` or key; `out` is then left as it was.
    """
    started = time.perf_counter()
    if base_url is not None and not base_url.startswith(("https://", "http://")):
        raise ValueError(f"--base-url must start with https:// or http://, not {base_url!r}")
    if base_url is not None and not base_url.endswith("/"):
        base_url += "/"
    key = mf.load_or_create_key(Path(key_path) if key_path else release_key_path())
    fingerprint = mf.fingerprint(key)
    options = Options(base_url, fingerprint, mf.public_pem(key).decode())
    site_title = title or config.get("TALLYBOOK_SITE_TITLE")
    with ReleaseWriter(Path(out)) as writer:
        snap = build_snapshot(
            release_date=release_date, title=site_title, id_secret=mf.id_secret(key)
        )
        pages = 0
        for path, data in render_site(snap, options):
            writer.add(path, data)
            pages += path.endswith(".html")
        signed: dict[str, bytes] = {}

        def finish(files):
            release = {"date": snap.release_date, "title": snap.title}
            if base_url:
                release["base_url"] = base_url
            body = mf.manifest_bytes(files, release=release, key_fingerprint=fingerprint)
            signed[mf.MANIFEST] = body
            signed[mf.SIGNATURE] = mf.sign(body, key)
            return signed

        stats = writer.commit(finish)
    digest = mf.sha256(signed[mf.MANIFEST])
    audit_record(
        by=by,
        action="publish.release",
        after={
            "release_date": snap.release_date,
            "manifest_sha256": digest,
            "key": fingerprint,
            "files": stats.files,
            "written": stats.written,
            "unchanged": stats.unchanged,
            "removed": stats.removed,
            "incidents": len(snap.incidents),
            "claims": len(snap.claims),
        },
    )
    return PublishResult(
        Path(out), stats, pages, snap.release_date, fingerprint, digest,
        time.perf_counter() - started,
    )  # fmt: skip
