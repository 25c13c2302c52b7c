"""Read a list of people (CSV or XLSX bytes) into checked rows, through a column mapping.

Plain Python, no database. Errors name the file, the row and the reason, and
never quote a value that could be a name: only values made of digits and
punctuation (a bad age or date) are shown.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from tallybook.core.errors import InputRejected
from tallybook.core.gazetteer.normalize import normalize_digits

FIELDS = (
    "name",
    "name_fa",
    "father_name",
    "age",
    "birth_year",
    "sex",
    "place",
    "date",
    "event",
    "status",
    "source",
)
# Header names each field is found under by default (compared casefolded, "_" as space).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "name en", "english name", "person", "نام"),
    "name_fa": ("name fa", "persian name", "farsi name", "name persian", "نام فارسی"),
    "father_name": ("father name", "father's name", "fathers name", "father", "نام پدر"),
    "age": ("age", "سن"),
    "birth_year": ("birth year", "year of birth", "born", "yob", "سال تولد"),
    "sex": ("sex", "gender", "جنسیت"),
    "place": ("place", "city", "location", "محل"),
    "date": ("date", "event date", "date of arrest", "arrest date", "تاریخ"),
    "event": ("event", "incident", "رویداد"),
    "status": ("status", "وضعیت"),
    "source": ("source", "منبع"),
}
SEX = {
    "m": "male",
    "male": "male",
    "man": "male",
    "مرد": "male",
    "f": "female",
    "female": "female",
    "woman": "female",
    "زن": "female",
}
MAX_AGE = 130
MIN_YEAR = 1880
MAX_COLUMNS = 200  # columns read from a sheet; a wider header is refused
MAX_ERRORS = 20  # errors listed before "and N more"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHOWABLE = re.compile(r"[0-9 ./:+\-]{1,20}")


class ListRejected(InputRejected):
    """A list that will not be imported; nothing of it is stored."""


@dataclass(frozen=True, slots=True)
class ListLimits:
    max_bytes: int
    max_decompressed_bytes: int
    max_ratio: int
    max_rows: int


@dataclass(frozen=True, slots=True)
class PersonRow:
    row: int  # 1 = first row under the header
    name: str
    name_fa: str
    father_name: str
    age: int | None
    birth_year: int | None
    sex: str
    place: str
    date: date | None
    event: str
    status: str
    source: str
    notes: tuple[str, ...] = ()  # corrections made on reading, e.g. swapped age and year


@dataclass(frozen=True)
class ParsedList:
    file_format: str  # "csv" | "xlsx"
    media_type: str
    mapping: dict[str, str]  # field -> header as the file spells it
    rows: list[PersonRow]


def file_format(data: bytes, filename: str) -> str:
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        return "xlsx"
    return "csv"


def parse_list(
    data: bytes,
    *,
    filename: str,
    mapping: Mapping[str, str] | None,
    limits: ListLimits,
) -> ParsedList:
    """Every row of the list, checked; ListRejected naming all problems (up to 20)."""
    if len(data) > limits.max_bytes:
        raise ListRejected(
            f"{filename}: {len(data):,} bytes is more than the limit of {limits.max_bytes:,}"
        )
    kind = file_format(data, filename)
    if kind == "xlsx":
        cells, media_type = _xlsx_rows(data, filename, limits), XLSX_MEDIA_TYPE
    else:
        cells, media_type = _csv_rows(data, filename), "text/csv"
    try:
        header = next(cells)
    except StopIteration:
        raise ListRejected(f"{filename}: the file is empty (no header row)") from None
    columns = resolve_mapping([_text(h) for h in header[1]], mapping, filename)
    rows: list[PersonRow] = []
    errors: list[str] = []
    for number, (where, values) in enumerate(cells, start=1):
        if number > limits.max_rows:
            raise ListRejected(
                f"{filename}: more than {limits.max_rows:,} rows (TALLYBOOK_MAX_LIST_ROWS)"
            )
        if all(_text(v) == "" for v in values):
            continue  # a blank row: its number is kept, so later rows keep theirs
        row, problems = _row(number, values, columns)
        errors.extend(f"{filename}: row {number} ({where}): {p}" for p in problems)
        if row is not None:
            rows.append(row)
    if errors:
        more = len(errors) - MAX_ERRORS
        shown = errors[:MAX_ERRORS] + ([f"... and {more} more"] if more > 0 else [])
        raise ListRejected("\n".join(shown))
    if not rows:
        raise ListRejected(f"{filename}: the list has a header but no rows")
    mapping_out = {field: _text(header[1][i]) for field, i in columns.items()}
    return ParsedList(file_format=kind, media_type=media_type, mapping=mapping_out, rows=rows)


def _key(header: str) -> str:
    return " ".join(header.replace("_", " ").casefold().split())


def resolve_mapping(
    header: list[str], mapping: Mapping[str, str] | None, filename: str
) -> dict[str, int]:
    """field -> column index: the explicit mapping first, then headers by name."""
    positions: dict[str, int] = {}
    for i, h in enumerate(header):
        positions.setdefault(_key(h), i)
    found = ", ".join(repr(h) for h in header if h) or "none"
    columns: dict[str, int] = {}
    for field, column in (mapping or {}).items():
        if field not in FIELDS:
            raise ListRejected(
                f"{filename}: {field!r} is not a field of a list; fields: {', '.join(FIELDS)}"
            )
        if _key(column) not in positions:
            raise ListRejected(
                f"{filename}: no column {column!r} (mapped to {field}); the columns are: {found}"
            )
        columns[field] = positions[_key(column)]
    for field in FIELDS:
        if field in columns:
            continue
        for synonym in (field.replace("_", " "), *SYNONYMS[field]):
            if synonym in positions and positions[synonym] not in columns.values():
                columns[field] = positions[synonym]
                break
    if "name" not in columns and "name_fa" not in columns:
        raise ListRejected(
            f"{filename}: missing column 'name' (or 'name_fa'): no column holds the person's "
            f"name; the columns are: {found}. Map one with --map name=HEADER"
        )
    return columns


def _row(
    number: int, values: tuple | list, columns: dict[str, int]
) -> tuple[PersonRow | None, list[str]]:
    def cell(field: str) -> object:
        i = columns.get(field)
        return values[i] if i is not None and i < len(values) else None

    problems: list[str] = []
    text = {f: _text(cell(f)) for f in ("name", "name_fa", "father_name", "place", "event")}
    text.update({f: _text(cell(f)) for f in ("status", "source")})
    if not text["name"] and not text["name_fa"]:
        problems.append("no name (both name and name_fa are empty)")
    age_cell, year_cell, notes = cell("age"), cell("birth_year"), []
    if _swapped(age_cell, year_cell):
        age_cell, year_cell = year_cell, age_cell
        notes.append("age and birth year were swapped in the list")
    age = _whole(age_cell, "age", 0, MAX_AGE, problems)
    birth_year = _whole(year_cell, "birth year", MIN_YEAR, date.today().year, problems)
    sex_raw = _text(cell("sex"))
    sex = SEX.get(sex_raw.casefold(), sex_raw.casefold()[:20])
    when = _date(cell("date"), problems)
    if problems:
        return None, problems
    return (
        PersonRow(
            row=number,
            name=text["name"],
            name_fa=text["name_fa"],
            father_name=text["father_name"],
            age=age,
            birth_year=birth_year,
            sex=sex,
            place=text["place"],
            date=when,
            event=text["event"],
            status=text["status"],
            source=text["source"],
            notes=tuple(notes),
        ),
        [],
    )


def _number(value: object) -> float | None:
    try:
        return float(normalize_digits(_text(value)))
    except ValueError:
        return None


def _swapped(age: object, year: object) -> bool:
    """An age that reads as a year beside a birth year that reads as an age (or is empty)."""
    a, y = _number(age), _number(year)
    if a is None or not MIN_YEAR <= a <= date.today().year:
        return False
    return y is None and _text(year) == "" or y is not None and 0 <= y <= MAX_AGE


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())


def _shown(value: str) -> str:
    """A bad value as shown in an error: only when it cannot be a name."""
    return f" {value!r}" if _SHOWABLE.fullmatch(value) else ""


def _whole(value: object, label: str, low: int, high: int, problems: list[str]) -> int | None:
    raw = normalize_digits(_text(value))
    if not raw:
        return None
    try:
        number = float(raw)
    except ValueError:
        number = None
    if number is None or not number.is_integer():
        problems.append(f"{label}{_shown(raw)} is not a whole number")
        return None
    if not low <= number <= high:
        hint = (
            " (a Solar Hijri year? give it in the Gregorian calendar)"
            if (label == "birth year" and 1250 <= number <= 1450)
            else ""
        )
        problems.append(f"{label}{_shown(raw)} is not between {low} and {high}{hint}")
        return None
    return int(number)


def _date(value: object, problems: list[str]) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = normalize_digits(_text(value))
    if not raw:
        return None
    try:
        return date.fromisoformat(raw.replace("/", "-"))
    except ValueError:
        problems.append(f"date{_shown(raw)} is not a date written YYYY-MM-DD")
        return None


# --- the two formats ---------------------------------------------------------------------


def _csv_rows(data: bytes, filename: str) -> Iterator[tuple[str, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ListRejected(
            f"{filename}: not UTF-8 text (byte {exc.start}); save the list as CSV UTF-8"
        ) from None
    if "\x00" in text:
        raise ListRejected(f"{filename}: not a CSV file (it holds NUL bytes)")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for values in reader:
            yield f"line {reader.line_num}", values
    except csv.Error as exc:
        raise ListRejected(f"{filename}: line {reader.line_num}: not valid CSV ({exc})") from None


def _xlsx_rows(data: bytes, filename: str, limits: ListLimits) -> Iterator[tuple[str, tuple]]:
    _check_zip(data, filename, limits)
    import openpyxl  # reads its XML through defusedxml when installed (it is: see docs/people.md)

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or hostile workbook is a refusal of that file
        raise ListRejected(
            f"{filename}: not a readable XLSX workbook ({type(exc).__name__})"
        ) from None
    try:
        if not book.worksheets:
            raise ListRejected(f"{filename}: the workbook has no sheets")
        sheet = book.worksheets[0]
        # Rows are padded to max_col: give it, or a hostile sheet's declared size (16384
        # columns) would pad every row. The header's width bounds the rows under it.
        header = next(sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS + 1, values_only=True), ())
        header = tuple(header)
        while header and header[-1] in (None, ""):
            header = header[:-1]
        if len(header) > MAX_COLUMNS:
            raise ListRejected(f"{filename}: more than {MAX_COLUMNS} columns")
        if not header:
            return
        yield "sheet row 1", header
        rows = sheet.iter_rows(min_row=2, max_col=len(header), values_only=True)
        for number, values in enumerate(rows, start=2):
            yield f"sheet row {number}", values
    except ListRejected:
        raise
    except Exception as exc:
        raise ListRejected(
            f"{filename}: the workbook cannot be read ({type(exc).__name__})"
        ) from None
    finally:
        book.close()


def _check_zip(data: bytes, filename: str, limits: ListLimits) -> None:
    """Bound a workbook before opening it: total and per-member expanded size, and ratio."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ListRejected(f"{filename}: not an XLSX workbook (not a valid zip file)") from None
    if len(members) > 10_000:
        raise ListRejected(f"{filename}: the workbook holds {len(members):,} parts (too many)")
    total = sum(m.file_size for m in members)
    if total > limits.max_decompressed_bytes:
        raise ListRejected(
            f"{filename}: the workbook expands to {total:,} bytes, more than the limit of "
            f"{limits.max_decompressed_bytes:,} (TALLYBOOK_MAX_DECOMPRESSED_BYTES)"
        )
    for m in members:
        if m.file_size > 1_000_000 and m.file_size > limits.max_ratio * max(m.compress_size, 1):
            raise ListRejected(
                f"{filename}: a part of the workbook expands more than {limits.max_ratio} "
                "times (TALLYBOOK_MAX_RATIO): refused as a possible zip bomb"
            )
