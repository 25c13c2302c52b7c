"""A fresh data folder: `tallybook init` makes a SQLite database in WAL mode, no set-up."""

import os
import sqlite3
import subprocess
import sys


def test_init_creates_a_wal_sqlite_database_in_the_data_folder(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["TALLYBOOK_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "tallybook.cli.main", "init"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    db = tmp_path / "data" / "tallybook.sqlite3"
    assert str(db) in result.stdout
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"sources_source", "claims_claim", "audit_auditevent"} <= tables
    assert (tmp_path / "data" / "secret_key").stat().st_mode & 0o077 == 0


def test_database_url_switches_to_postgresql(tmp_path):
    env = dict(
        os.environ,
        TALLYBOOK_DATA_DIR=str(tmp_path),
        DATABASE_URL="postgresql://someone:pw@db.invalid:5432/records",
    )
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='tallybook.site.settings';"
        "from django.conf import settings as s; d=s.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['HOST'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert out == ["django.db.backends.postgresql", "records", "db.invalid"]
