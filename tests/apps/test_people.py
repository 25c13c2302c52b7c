"""Lists of people: import through a mapping, names encrypted at rest, resumable, rotatable keys."""

import csv
import io
from datetime import date, datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from tallybook import crypto
from tallybook.apps.people.lists import ListRejected
from tallybook.apps.people.models import PersonList, PersonRecord
from tallybook.apps.people.selectors import records_named
from tallybook.apps.people.services import (
    key_rotate,
    keys_in_use,
    keys_retire,
    person_list_import,
)
from tallybook.apps.sources.models import Source

pytestmark = pytest.mark.django_db

LISTS = Path(__file__).resolve().parents[2] / "src" / "tallybook" / "demo" / "corpus" / "lists"
HEADER = "name,name_fa,father_name,age,birth_year,sex,place,date,event,status,source"
CANARIES = ["Canaryname Zqxjv", "کناری زقخ", "Fathercanary Qwvx"]


@pytest.fixture(autouse=True)
def ring_path(tmp_path, monkeypatch):
    path = tmp_path / "keys" / "keyring.json"
    monkeypatch.setenv("TALLYBOOK_KEYRING", str(path))
    return path


def canary_csv() -> bytes:
    rows = [
        HEADER,
        "Ali Example,علی نمونه,,30,1993,M,Tehran,2022-09-21,arrested,in custody,NGO",
        f"{CANARIES[0]},{CANARIES[1]},{CANARIES[2]},41,1981,F,Zahedan,2022-09-30,"
        "arrested,in custody,NGO: family",
        "Sara Example,سارا نمونه,,,,female,Saqqez,,summons,released,NGO",
    ]
    return ("\n".join(rows) + "\n").encode("utf-8")


def _forms(text: str) -> list[bytes]:
    variants = {text, text.casefold(), text.upper(), crypto.index_form(text)}
    return [v.encode(enc) for v in variants for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def test_demo_list_a_becomes_224_records_that_decrypt():
    plist = person_list_import(path=LISTS / "detainees_ngo_a.csv", batch_size=100)
    assert plist.status == PersonList.Status.COMPLETE
    assert (plist.rows_total, plist.rows_done, plist.records.count()) == (224, 224, 224)
    with (LISTS / "detainees_ngo_a.csv").open(encoding="utf-8") as fh:
        first = next(csv.DictReader(fh))
    record = plist.records.get(row=1)
    assert record.name == first["name"] and record.name_fa == first["name_fa"]
    assert record.age == int(first["age"]) and record.date == date.fromisoformat(first["date"])
    assert record.sensitivity == "restricted" and record.place_ref is not None
    assert plist.source.sensitivity == "restricted" and plist.source.text == ""
    assert first["name"] not in str(record) and first["name"] not in repr(record)
    # Names cannot be filtered on; the blind index finds them.
    with pytest.raises(Exception, match="name"):
        list(PersonRecord.objects.filter(name=first["name"]))
    assert record in records_named(f"  {first['name'].upper()} ")


def test_blind_index_matches_one_person_across_two_lists():
    a = person_list_import(path=LISTS / "detainees_ngo_a.csv")
    b = person_list_import(path=LISTS / "detainees_ngo_b.csv")
    assert b.records.count() == 203
    # List A writes بابک سلطانی with Persian letters, list B بابك سلطاني with Arabic ones.
    assert {r.person_list_id for r in records_named("babak  SOLTANI")} == {a.pk, b.pk}
    assert {r.person_list_id for r in records_named("بابک سلطانی", field="name_fa")} == {
        a.pk,
        b.pk,
    }
    swapped = b.records.get(row=33)
    assert (swapped.age, swapped.birth_year) == (29, 1993) and swapped.notes


def test_canary_names_never_reach_the_database_or_a_public_view(client, django_user_model):
    plist = person_list_import(data=canary_csv(), filename="canary.csv")
    assert plist.records.count() == 3
    record = plist.records.get(row=2)
    assert [record.name, record.name_fa, record.father_name] == CANARIES

    found = []
    with connection.cursor() as cur:
        for table in connection.introspection.table_names():
            cur.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            blob = repr(cur.fetchall()).encode("utf-8")
            found += [(table, c) for c in CANARIES for form in _forms(c) if form in blob]
    assert not found
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert dump.getvalue().count('"model": "people.personrecord"') == 3
    dumped = dump.getvalue().encode("utf-8")
    assert not [c for c in CANARIES for form in _forms(c) if form in dumped]
    assert '"sensitivity": "restricted"' in dump.getvalue()

    sha = plist.source.sha256
    urls = ["/", "/sources/", f"/sources/{sha}/", f"/sources/{sha}/original", "/claims/"]
    nobody = django_user_model.objects.create_user("nobody", password="pw-not-used-4413")
    for who in [None, nobody]:
        if who is not None:
            client.force_login(who)
        for url in urls:
            response = client.get(url)
            body = b"".join(response) if response.streaming else response.content
            assert not [c for c in CANARIES for form in _forms(c) if form in body], url
        assert client.get(f"/sources/{sha}/original").status_code == 404


def test_reimport_is_idempotent_and_resumes_a_partial_import(archive):
    data = canary_csv()
    plist = person_list_import(data=data, filename="canary.csv", batch_size=1)
    again = person_list_import(data=data, filename="canary.csv", batch_size=1)
    assert again.pk == plist.pk and PersonRecord.objects.count() == 3
    assert Source.objects.count() == 1 and len(list(archive)) == 1

    # As a kill after the first batch leaves it: one batch stored, progress at 1.
    PersonList.objects.filter(pk=plist.pk).update(status="importing", rows_done=1)
    PersonRecord.objects.filter(row__gt=1).delete()
    resumed = person_list_import(data=data, filename="canary.csv", batch_size=1)
    assert resumed.status == "complete" and resumed.rows_done == 3
    assert sorted(resumed.records.values_list("row", flat=True)) == [1, 2, 3]
    # Progress behind the records (a row already there) never doubles it.
    PersonList.objects.filter(pk=plist.pk).update(status="importing", rows_done=0)
    person_list_import(data=data, filename="canary.csv")
    assert PersonRecord.objects.count() == 3


def test_a_missing_column_is_named_and_nothing_is_stored(archive):
    data = b"fullname,age\nCanaryname Zqxjv,30\n"
    with pytest.raises(ListRejected, match=r"missing column 'name'.*'fullname', 'age'"):
        person_list_import(data=data, filename="bad.csv")
    assert not Source.objects.exists() and not list(archive)
    with pytest.raises(ListRejected, match=r"no column 'Full name' \(mapped to name\)"):
        person_list_import(data=data, filename="bad.csv", mapping={"name": "Full name"})
    plist = person_list_import(data=data, filename="bad.csv", mapping={"name": "fullname"})
    assert plist.records.get().name == "Canaryname Zqxjv"
    assert plist.mapping == {"name": "fullname", "age": "age"}


def test_bad_rows_are_named_with_their_reason_but_never_their_names(archive):
    data = (
        f"{HEADER}\n"
        "Ali Example,,,thirty,,M,Tehran,2022-09-21,,,\n"
        "Canaryname Zqxjv,,,30,,M,Tehran,2022-13-45,,,\n"
        ",,,30,,M,Tehran,,,,\n"
        "Sara Example,,,30,1370,F,Tehran,Canaryname Zqxjv,,,\n"
    ).encode()
    with pytest.raises(ListRejected) as refused:
        person_list_import(data=data, filename="rows.csv")
    message = refused.value.reason
    assert "rows.csv: row 1 (line 2): age is not a whole number" in message
    assert "rows.csv: row 2 (line 3): date '2022-13-45' is not a date written YYYY-MM-DD" in message
    assert "row 3 (line 4): no name" in message
    assert "row 4 (line 5): birth year '1370' is not between 1880" in message
    assert "Solar Hijri" in message
    assert "Canaryname" not in message and "thirty" not in message
    assert not Source.objects.exists() and not list(archive)


def _xlsx(rows) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_import_with_synonym_headers():
    data = _xlsx(
        [
            ["Full Name", "Persian name", "Father", "Age", "Gender", "City", "Arrest date"],
            [
                "Canaryname Zqxjv",
                "کناری زقخ",
                "Fathercanary Qwvx",
                41,
                "Female",
                "Zahedan",
                datetime(2022, 9, 30),
            ],
            ["Ali Example", None, None, 30.0, "M", "Tehran", "2022-09-21"],
        ]
    )
    plist = person_list_import(data=data, filename="detainees.xlsx")
    assert plist.file_format == "xlsx" and plist.source.media_type.endswith("sheet")
    first, second = plist.records.order_by("row")
    assert [first.name, first.name_fa, first.father_name] == CANARIES
    assert (first.age, first.sex, first.date) == (41, "female", date(2022, 9, 30))
    assert (second.age, second.sex, second.date) == (30, "male", date(2022, 9, 21))
    assert first.place_ref.name == "Zahedan"


def test_oversized_workbooks_and_lists_are_refused_before_reading(monkeypatch):
    data = _xlsx([["name"], *[[f"Person {i}"] for i in range(10)]])
    monkeypatch.setenv("TALLYBOOK_MAX_DECOMPRESSED_BYTES", "1000")
    with pytest.raises(ListRejected, match=r"expands to .*\(TALLYBOOK_MAX_DECOMPRESSED_BYTES\)"):
        person_list_import(data=data, filename="big.xlsx")
    monkeypatch.delenv("TALLYBOOK_MAX_DECOMPRESSED_BYTES")
    monkeypatch.setenv("TALLYBOOK_MAX_LIST_ROWS", "5")
    with pytest.raises(ListRejected, match="more than 5 rows"):
        person_list_import(data=data, filename="big.xlsx")
    monkeypatch.setenv("TALLYBOOK_MAX_BYTES", "100")
    with pytest.raises(ListRejected, match="more than the limit of 100"):
        person_list_import(data=data, filename="big.xlsx")
    with pytest.raises(ListRejected, match="not an XLSX workbook"):
        person_list_import(data=b"PK\x03\x04 not really a zip", filename="fake.xlsx")
    assert not Source.objects.exists()


def test_key_rotation_reencrypts_everything_and_retires_the_old_key():
    plist = person_list_import(data=canary_csv(), filename="canary.csv")
    old = crypto.load_keyring().current
    before = {r.pk: (r.name_enc, r.name_index) for r in plist.records.all()}
    done = key_rotate(batch_size=2)
    assert done.previous == old and done.records == 3 and done.key != old
    assert keys_in_use() == {done.key: 7}  # 3 names, 3 Persian names, 1 father's name
    for r in plist.records.all():
        assert r.name_enc != before[r.pk][0] and r.name_index == before[r.pk][1]
    assert plist.records.get(row=2).father_name == CANARIES[2]
    # An old key is not retired while anything still uses it.
    stale = plist.records.get(row=1)
    PersonRecord.objects.filter(pk=stale.pk).update(name_enc=before[stale.pk][0])
    with pytest.raises(crypto.CryptoError, match=f"still use key.*{old}"):
        keys_retire()
    again = key_rotate(retire_old=True)
    assert again.records == 3 and set(again.retired) == {old, done.key}
    assert list(crypto.load_keyring().keys) == [again.key]
    assert [r.name for r in plist.records.order_by("row")][1] == CANARIES[0]


def test_a_lost_keyring_is_a_clear_error_not_a_new_key(ring_path):
    person_list_import(data=canary_csv(), filename="canary.csv")
    ring_path.unlink()
    with pytest.raises(crypto.KeyringMissing, match="3 records are encrypted"):
        person_list_import(path=LISTS / "detainees_ngo_a.csv")
    with pytest.raises(crypto.KeyringMissing):
        _ = PersonRecord.objects.first().name
    assert not ring_path.exists()
