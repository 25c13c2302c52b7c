"""Every setting tallybook reads, declared once with its default and help.

Settings come from environment variables. `docs/settings.md` documents each
one; a test fails when a setting here is missing from that page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("TALLYBOOK_DATA_DIR", "./var", "Where the database, archive and keys live."),
    Setting(
        "DATABASE_URL",
        "",
        "Empty: SQLite (WAL) at DATA_DIR/tallybook.sqlite3. "
        "postgresql://user@host:5432/name switches to PostgreSQL.",
    ),
    Setting(
        "TALLYBOOK_SECRET_KEY",
        "",
        "Django's secret key. Empty: one is generated once into DATA_DIR/secret_key.",
    ),
    Setting("TALLYBOOK_DEBUG", "0", "1 turns on Django's debug pages (never in public)."),
    Setting(
        "TALLYBOOK_ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "Comma-separated host names the web server answers to.",
    ),
    Setting("TALLYBOOK_MAX_BYTES", str(50 * 2**20), "Largest input file or download, in bytes."),
    Setting(
        "TALLYBOOK_MAX_DECOMPRESSED_BYTES",
        str(200 * 2**20),
        "Largest decompressed size of a compressed input, in bytes.",
    ),
    Setting(
        "TALLYBOOK_MAX_RATIO", "100", "Largest decompression ratio before an input is refused."
    ),
    Setting("TALLYBOOK_MAX_PDF_PAGES", "2000", "Most pages read from one PDF."),
    Setting(
        "TALLYBOOK_READ_TIMEOUT", "60", "Seconds one input may take to read before it is refused."
    ),
    Setting(
        "TALLYBOOK_READ_MEMORY",
        str(2**30),
        "Bytes of memory the reader process of one input may use before it is refused.",
    ),
    Setting("TALLYBOOK_FETCH_TIMEOUT", "20", "Seconds to wait on a URL before giving up."),
    Setting(
        "TALLYBOOK_KEYRING",
        "",
        "Path of the keyring that encrypts names. Empty: DATA_DIR/keys/keyring.json.",
    ),
    Setting("TALLYBOOK_MAX_LIST_ROWS", "200000", "Most rows read from one list of people."),
    Setting(
        "TALLYBOOK_RELEASE_KEY",
        "",
        "Path of the Ed25519 key that signs published releases. "
        "Empty: DATA_DIR/keys/release-key.pem, created on first publish.",
    ),
    Setting("TALLYBOOK_SITE_TITLE", "tallybook", "The published site's name."),
    Setting(
        "TALLYBOOK_LIVE_BROKER",
        "memory",
        "How server processes share the live board's stream: memory (one process), "
        "redis://host:6379/0 (Redis pub/sub), postgres (LISTEN/NOTIFY on DATABASE_URL's "
        "server) or postgresql://... (another PostgreSQL server).",
    ),
    Setting(
        "TALLYBOOK_LIVE_POLL",
        "5",
        "Seconds between each server process's reads of new live-board events, which "
        "catch any the broker lost.",
    ),
    Setting(
        "TALLYBOOK_LIVE_SUBMIT_PER_MINUTE",
        "30",
        "Most live-board reports one account may submit in a minute; more are refused "
        "(429) until the minute is over. 0 turns the limit off.",
    ),
    Setting(
        "TALLYBOOK_LIVE_STREAMS_PER_ADDRESS",
        "50",
        "Most live-board streams one client address may hold open at once; more are "
        "refused (429). 0 turns the limit off.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The setting's value from the environment, or its declared default."""
    setting = _BY_NAME[name]  # KeyError for an undeclared setting is deliberate
    return os.environ.get(name, setting.default)


def get_int(name: str) -> int:
    value = get(name)
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"setting {name} must be a whole number, not {value!r}") from None


def data_dir() -> Path:
    return Path(get("TALLYBOOK_DATA_DIR")).expanduser().resolve()
