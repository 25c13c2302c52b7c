"""The real commands on a file SQLite database: no plaintext name in its bytes; kill and resume.

Each test runs `tallybook` in a child process on its own data folder (SQLite
in WAL mode, whatever DATABASE_URL the suite runs with).
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tallybook import crypto

LISTS = Path(__file__).resolve().parents[2] / "src" / "tallybook" / "demo" / "corpus" / "lists"
CANARIES = ["Canaryname Zqxjv", "کناری زقخ", "Fathercanary Qwvx"]

# The import command, pausing after each committed batch so the test can kill it midway.
SLOW_IMPORT = """
import sys, time
from tallybook.site import setup
setup()
from tallybook.apps.people import services
commit = services._commit_batch
def slow(*args, **kwargs):
    commit(*args, **kwargs)
    time.sleep(0.3)
services._commit_batch = slow
from tallybook.cli.main import cli
cli(sys.argv[1:])
"""


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TALLYBOOK_KEYRING")}
    env["TALLYBOOK_DATA_DIR"] = str(data)
    return env


def _tallybook(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tallybook.cli.main", *args],
        env=_env(data),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _forms(text: str) -> list[bytes]:
    variants = {text, text.casefold(), text.upper(), crypto.index_form(text)}
    return [v.encode(enc) for v in variants for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def test_no_canary_name_in_the_sqlite_files(tmp_path):
    data = tmp_path / "data"
    listing = tmp_path / "canary.csv"
    listing.write_text(
        "name,name_fa,father_name,age,sex,place,date\n"
        f"{CANARIES[0]},{CANARIES[1]},{CANARIES[2]},41,F,Zahedan,2022-09-30\n"
        "Ali Example,علی نمونه,,30,M,Tehran,2022-09-21\n",
        encoding="utf-8",
    )
    assert _tallybook(data, "init").returncode == 0
    done = _tallybook(data, "people", "import", str(listing))
    assert done.returncode == 0, done.stderr
    assert "2 of 2 rows stored" in done.stdout
    for stream in (done.stdout, done.stderr):
        assert not any(c in stream for c in CANARIES)

    files = [p for p in data.glob("tallybook.sqlite3*") if p.is_file()]
    assert "tallybook.sqlite3" in {p.name for p in files}  # a clean exit folds the WAL in
    for path in files:
        blob = path.read_bytes()
        assert not [c for c in CANARIES for form in _forms(c) if form in blob], path.name
    # The check can see a canary where there is one: the archived original holds them all.
    original = next(p for p in (data / "archive").rglob("*") if p.is_file())
    assert all(c.encode("utf-8") in original.read_bytes() for c in CANARIES)
    with sqlite3.connect(data / "tallybook.sqlite3") as con:
        token, index = con.execute(
            "SELECT name_enc, name_index FROM people_personrecord WHERE row = 1"
        ).fetchone()
    ring = crypto.load_keyring(data / "keys" / "keyring.json", create=False)
    assert (
        crypto.decrypt(token, context="people.personrecord.name:1:1", keyring=ring) == (CANARIES[0])
    )
    assert index == crypto.blind_index(" canaryname ZQXJV", context="people.name", keyring=ring)


@pytest.mark.slow
def test_an_import_killed_midway_and_run_again_loses_and_doubles_nothing(tmp_path):
    data = tmp_path / "data"
    listing = LISTS / "detainees_ngo_a.csv"
    assert _tallybook(data, "init").returncode == 0
    db = data / "tallybook.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_IMPORT, "people", "import", str(listing), "--batch-size", "20"],
        env=_env(data),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        done = 0
        while done < 60 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.05)
            with sqlite3.connect(db) as con:
                row = con.execute("SELECT rows_done FROM people_personlist").fetchone()
            done = row[0] if row else 0
        assert child.poll() is None, child.stderr.read().decode()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    with sqlite3.connect(db) as con:
        status, rows_done = con.execute(
            "SELECT status, rows_done FROM people_personlist"
        ).fetchone()
        stored = con.execute("SELECT count(*) FROM people_personrecord").fetchone()[0]
    assert status == "importing" and 60 <= rows_done < 224
    assert stored == rows_done and rows_done % 20 == 0  # whole batches only
    # Killed, it leaves its write-ahead log behind: no name in that either.
    wal = data / "tallybook.sqlite3-wal"
    assert wal.stat().st_size > 0
    with listing.open(encoding="utf-8") as fh:
        names = [line.split(",")[0] for line in fh.readlines()[1 : rows_done + 1]]
    blobs = wal.read_bytes() + db.read_bytes()
    assert not [n for n in names if n.encode("utf-8") in blobs or n.encode("utf-16-le") in blobs]

    again = _tallybook(data, "people", "import", str(listing), "--batch-size", "20")
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(db) as con:
        rows = [r for (r,) in con.execute("SELECT row FROM people_personrecord ORDER BY row")]
        status, rows_done = con.execute(
            "SELECT status, rows_done FROM people_personlist"
        ).fetchone()
        batches = con.execute(
            "SELECT count(*) FROM audit_auditevent WHERE action = 'people.import_batch'"
        ).fetchone()[0]
    assert rows == list(range(1, 225))
    assert (status, rows_done) == ("complete", 224)
    assert batches == 12  # ceil(224 / 20): each batch recorded once, before or after the kill
    verify = _tallybook(data, "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    listed = _tallybook(data, "people", "lists")
    assert "complete" in listed.stdout and "224/224" in listed.stdout
