"""The generic spreadsheet import: read → check the headers → parse each row → plan → run the services.

Each record type (innovation.py, replication.py, story.py) declares its columns and how a row maps
to THE services the forms use (innovation_create/update, replication_create/update,
story_create/update); this module holds everything else:

- `read_upload` decides the format by content (never by the name) and refuses hostile files before
  any parser sees them: over the size limit, empty, a ZIP whose unpacked size or entry count is out of
  bounds (checked by innovations.files *before* openpyxl opens it), a non-spreadsheet renamed to
  .xlsx, binary data posing as CSV;
- `read_rows` yields (spreadsheet row number, cells) with openpyxl in read-only mode or the csv module;
- `map_headers` matches the header row (Indonesian, or English) to the columns; `parse_sheet` skips
  the English second header row of the template and its example rows (first cell EXAMPLE_MARKER);
- `run_import` runs every row through the services inside ONE transaction. A dry run (the preview)
  always rolls back; a real run rolls back as soon as any row fails: all or nothing. Rows that create
  records are handed to the services in batches (innovations_bulk_create ...), updates row by row;
- `Importer` holds what the record types share: refusing a record named twice in one file, reading
  the records the rows name once per import (`preload`), the ID lookup, mapping service errors to
  columns.

Every error names its spreadsheet row and column in plain words.
"""

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from innovations import files
from jipp import permissions
from jipp.exceptions import RowErrors

MAX_IMPORT_BYTES = getattr(settings, "JIPP_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
MAX_IMPORT_ROWS = getattr(settings, "JIPP_IMPORT_MAX_ROWS", 50_000)
MAX_STORED_ERRORS = 500
MAX_PLAN_ROWS = 200

# Text starting with one of these would run as a formula in Excel/LibreOffice (reports' writers
# prefix such text with an apostrophe on export; the importer undoes exactly that prefix).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NUMBER_RE = re.compile(r"^[+-]?\d+([.,]\d+)?$")
TRUE_WORDS = {"ya", "y", "yes", "true", "benar", "1"}
FALSE_WORDS = {"tidak", "t", "no", "n", "false", "salah", "0"}
# The first cell of the template's example row: a row that starts with it is never imported (a user
# who leaves the example in place must not get a record of it).
EXAMPLE_MARKER = "CONTOH / EXAMPLE"


class ImportFileError(ValidationError):
    """The file as a whole cannot be imported (type, size, headers): nothing is read further."""


# --- Columns -------------------------------------------------------------------------------


@dataclass
class ImportColumn:
    """One spreadsheet column: its headers, how a cell is parsed, and how a record is exported.

    kind: text | int | date | bool | choice | ref | sdgs | id | readonly.
    `lookup` (for ref) maps a normalised code or name to an object, built per import (Importer.prepare).
    `export` gives the cell of an existing record (the inverse of parsing), for list exports.
    """

    key: str
    header: str  # Indonesian: row 1 of the template and of every export
    header_en: str  # English: row 2 of the template
    kind: str = "text"
    required: bool = False
    choices: list | None = None
    lookup: str = ""
    default: object = None
    export: Callable | None = None
    help: str = ""


def norm(value) -> str:
    """A header or code as compared: case, surrounding spaces, repeated spaces and a trailing * ignored."""
    return " ".join(str(value or "").replace("*", " ").split()).casefold()


# --- Reading the file ----------------------------------------------------------------------


@dataclass
class UploadedSheet:
    file_format: str  # "xlsx" or "csv"
    content: bytes
    name: str

    def as_content_file(self) -> ContentFile:
        return ContentFile(self.content, name=f"impor.{self.file_format}")


def read_upload(uploaded, *, limit: int | None = None) -> UploadedSheet:
    """Check an uploaded spreadsheet by content; raise ImportFileError with a message the user understands."""
    limit = limit or MAX_IMPORT_BYTES
    name = files.safe_name(getattr(uploaded, "name", "") or "")
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise _too_big(limit)
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise _too_big(limit)
    if not data.strip():
        raise ImportFileError(_("Berkas kosong: tidak ada baris untuk diimpor."), code="empty")
    if data[:4] == b"PK\x03\x04":
        # An XLSX is a ZIP: innovations.files bounds its entries and unpacked size (zip bombs) and
        # checks that it really is a spreadsheet, before openpyxl is allowed to open it.
        try:
            files.check_upload(ContentFile(data, name=name), allowed={"xlsx"}, limit=limit)
        except ValidationError as exc:
            if exc.code == "zip_bomb":
                raise ImportFileError(
                    _("Berkas ditolak: isinya tidak wajar (terlalu besar bila diekstrak)."), code="zip_bomb"
                ) from exc
            raise _not_spreadsheet() from exc
        return UploadedSheet("xlsx", data, name)
    if name.lower().endswith((".xlsx", ".xlsm", ".xls")) or not _looks_like_text(data):
        raise _not_spreadsheet()
    return UploadedSheet("csv", data, name)


def _too_big(limit: int) -> ImportFileError:
    return ImportFileError(
        _("Berkas terlalu besar: paling besar %(mb)s MB.") % {"mb": limit // (1024 * 1024)}, code="too_large"
    )


def _not_spreadsheet() -> ImportFileError:
    return ImportFileError(
        _("Berkas ini bukan spreadsheet yang dapat dibaca. Unggah berkas XLSX atau CSV (UTF-8)."),
        code="not_spreadsheet",
    )


def _looks_like_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    # Control characters other than tab and line breaks mean binary data, not a CSV.
    return not any(ord(c) < 32 and c not in "\t\r\n" for c in text[:65536])


def _trim(cells) -> list:
    cells = list(cells)
    while cells and (cells[-1] is None or (isinstance(cells[-1], str) and not cells[-1].strip())):
        cells.pop()
    return cells


def read_rows(sheet: UploadedSheet) -> Iterator[tuple[int, list]]:
    """(row number as the spreadsheet shows it, cells) for every non-empty row of the first sheet."""
    if sheet.file_format == "xlsx":
        yield from _xlsx_rows(sheet.content)
    else:
        yield from _csv_rows(sheet.content)


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula comes back as its text ("=...") and is refused, never evaluated.
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise _not_spreadsheet() from exc
    try:
        if not wb.worksheets:
            return
        for number, cells in enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1):
            cells = _trim(cells)
            if cells:
                yield number, cells
    finally:
        wb.close()


def _csv_rows(content: bytes):
    text = content.decode("utf-8-sig")
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to Indonesian save CSV with ";" (the comma is the decimal mark).
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, start=1):
            cells = _trim(cells)
            if cells:
                yield number, cells
    except csv.Error as exc:
        raise _not_spreadsheet() from exc


# --- Headers -------------------------------------------------------------------------------


def map_headers(header_cells: list, columns: list[ImportColumn]) -> dict[int, ImportColumn]:
    """{cell index: column} for the header row; ImportFileError listing every header problem."""
    by_name = {}
    for column in columns:
        by_name[norm(column.header)] = column
        by_name[norm(column.header_en)] = column
    mapping: dict[int, ImportColumn] = {}
    problems = []
    seen = set()
    for index, cell in enumerate(header_cells):
        if cell is None or not str(cell).strip():
            continue
        column = by_name.get(norm(cell))
        if column is None:
            problems.append(_("kolom “%(h)s” tidak dikenal") % {"h": str(cell)[:80]})
        elif column.key in seen:
            problems.append(_("kolom “%(h)s” muncul dua kali") % {"h": column.header})
        else:
            seen.add(column.key)
            mapping[index] = column
    for column in columns:
        if column.required and column.key not in seen:
            problems.append(_("kolom wajib “%(h)s” tidak ada") % {"h": column.header})
    if problems:
        raise ImportFileError(
            _("Baris judul kolom (baris 1) tidak sesuai templat: %(p)s. Unduh templat dan salin baris judulnya.")
            % {"p": "; ".join(problems)},
            code="bad_headers",
        )
    return mapping


def is_example_row(cells: list) -> bool:
    return bool(cells) and norm(cells[0]) == norm(EXAMPLE_MARKER)


def is_english_header_row(cells: list, mapping: dict[int, ImportColumn]) -> bool:
    """The template's second row repeats the headers in English: it is not data."""
    filled = [(i, c) for i, c in enumerate(cells) if c is not None and str(c).strip()]
    return bool(filled) and all(i in mapping and norm(c) == norm(mapping[i].header_en) for i, c in filled)


# --- Cells ---------------------------------------------------------------------------------


class CellError(Exception):
    """A cell that cannot be read; the message is shown with its row and column."""


def clean_text(value) -> str:
    """A cell as text, with the export's protective apostrophe removed; refuses formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if not isinstance(value, str | int | float):
        raise CellError(_("isi sel tidak dapat dibaca sebagai teks"))
    text = str(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:].strip()
    if text.lstrip(" ").startswith(FORMULA_PREFIXES) and not NUMBER_RE.match(text.strip()):
        raise CellError(
            _(
                "isi sel diawali “%(c)s” dan dapat dijalankan sebagai rumus; rumus tidak diterima. "
                "Bila memang teks, awali dengan tanda petik (')"
            )
            % {"c": text.lstrip(" ")[:1].replace("\t", "tab").replace("\r", "CR")}
        )
    return text.strip()


def parse_int(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(_("harus berupa angka bulat"))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(_("harus berupa angka bulat, tanpa desimal"))
    text = clean_text(value).replace(" ", "")
    # Thousands written the Indonesian way (1.500.000) or the English way (1,500,000).
    if re.fullmatch(r"-?\d{1,3}([.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise CellError(_("harus berupa angka bulat, bukan “%(v)s”") % {"v": text[:40]})


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


def parse_date(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = clean_text(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError(
        _("tanggal “%(v)s” tidak valid; tulis TTTT-BB-HH (mis. 2024-03-31) atau HH/BB/TTTT") % {"v": text[:40]}
    )


def parse_bool(value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = norm(clean_text(value))
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(_("isi “Ya” atau “Tidak”, bukan “%(v)s”") % {"v": str(value)[:40]})


def parse_choice(value, choices) -> str:
    text = clean_text(value)
    if not text:
        return ""
    wanted = norm(text)
    for code, label in choices:
        if wanted in (norm(code), norm(label)):
            return code
    raise CellError(
        _("“%(v)s” bukan pilihan yang sah; pilih salah satu: %(c)s")
        % {"v": text[:40], "c": ", ".join(str(code) for code, _label in choices)}
    )


# --- Rows and the run ----------------------------------------------------------------------


@dataclass
class ParsedRow:
    number: int
    data: dict
    present: set  # keys of the columns the file has (absent columns are left unchanged on update)
    errors: list = field(default_factory=list)  # [(column header, message)]


@dataclass
class Outcome:
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)  # [{"row", "column", "message"}]
    error_count: int = 0
    plan: list = field(default_factory=list)  # [{"row", "action", "label"}]
    committed: bool = False

    def add_error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_STORED_ERRORS:
            self.errors.append({"row": row, "column": column, "message": str(message)})

    def add_plan(self, row: int, action: str, label: str) -> None:
        if len(self.plan) < MAX_PLAN_ROWS:
            self.plan.append({"row": row, "action": action, "label": str(label)[:200]})


class _Rollback(Exception):
    pass


# Rows that create a record wait for this many others and are created together (a bulk service).
CREATE_BATCH_ROWS = 500
# Primary keys per "IN (...)" query when records are read at once (below SQLite's parameter limit).
IN_QUERY_SIZE = 900


def chunked(values, size: int = IN_QUERY_SIZE):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


class Importer:
    """The base of the per-type importers; subclasses fill in the record-specific hooks."""

    kind = ""
    columns: list[ImportColumn] = []
    model = None
    # "sama dengan baris %(n)s; ..." and "tidak ada ... dengan ID %(v)s", in the record's words (gettext_lazy).
    duplicate_message = ""
    not_found_message = ""

    def __init__(self, user):
        self.user = user
        self.lookups: dict[str, dict] = {}
        self.seen: dict[tuple, int] = {}  # (identity key, value) -> the row that has it
        self.records: dict = {}  # pk -> the existing records the rows may name, read once (preload)
        self.example_rows: list[int] = []  # row numbers of the template's example rows, left out
        self.written: dict = {}  # pk -> True (created) / False (updated): what a run wrote

    # hooks ---------------------------------------------------------------------------------
    def prepare(self) -> None:
        """Load the code tables (institutions, provinces, ...) once per import into self.lookups."""

    def identity_keys(self, row: ParsedRow) -> list[tuple[str, object]]:
        """(column key, value) pairs that each identify the record a row is about (empty values ignored)."""
        return [("id", row.data.get("id"))]

    def clean_row(self, row: ParsedRow) -> None:
        """Checks across the columns of one row and against earlier rows: the same record twice in one
        file would be applied twice, so the later row is refused."""
        for key, value in self.identity_keys(row):
            if not value:
                continue
            earlier = self.seen.get((key, value))
            if earlier is not None:
                row.errors.append((self.header_of(key), self.duplicate_message % {"n": earlier}))
            else:
                self.seen[(key, value)] = row.number

    def preload(self, rows: list[ParsedRow]) -> None:
        """Read at once the existing records the rows may update (not one query per row).

        Here: those named by ID. Importers that match by other keys read those too.
        """
        self.load_records({row.data["id"] for row in rows if row.data.get("id")})

    def records_queryset(self):
        return self.model._default_manager.all()

    def match(self, row: ParsedRow):
        """The existing record this row updates, or None to create one; may add row errors."""
        raise NotImplementedError

    def permission_error(self, row: ParsedRow, existing) -> tuple[str, str] | None:
        raise NotImplementedError

    def changed(self, existing, row: ParsedRow) -> bool:
        raise NotImplementedError

    def create(self, row: ParsedRow):
        raise NotImplementedError

    def create_many(self, rows: list[ParsedRow]) -> None:
        """Create the records of `rows` (in file order); a refused row gets its errors.

        Row by row through `create` here; importers with a bulk service override it (create_in_bulk).
        """
        for row in rows:
            try:
                self.create(row)
            except (ValidationError, PermissionDenied, DatabaseError) as exc:
                self.service_failed(row, exc)

    def update(self, existing, row: ParsedRow):
        raise NotImplementedError

    def label(self, row: ParsedRow) -> str:
        return str(row.data.get("title") or "")

    # generic -------------------------------------------------------------------------------
    def column(self, key: str) -> ImportColumn | None:
        return next((c for c in self.columns if c.key == key), None)

    def header_of(self, key: str) -> str:
        column = self.column(key)
        return column.header if column else ""

    def load_records(self, pks) -> None:
        for chunk in chunked(pks - self.records.keys()):
            self.records.update((obj.pk, obj) for obj in self.records_queryset().filter(pk__in=chunk))

    def record_by_id(self, row: ParsedRow):
        """The record of the row's ID (read by preload), or None with an error on the ID column."""
        found = self.records.get(row.data["id"])
        # A record the user may not see is "not found" too: another message would tell that it exists.
        if found is not None and not self.can_see(found):
            found = None
        if found is None:
            row.errors.append((self.header_of("id"), self.not_found_message % {"v": row.data["id"]}))
        return found

    def can_see(self, obj) -> bool:
        return permissions.can_view(self.user, obj)

    def remember(self, obj, previous=None) -> None:
        """Keep what preload read up to date after a row created or updated `obj` (was `previous`)."""
        self.records[obj.pk] = obj
        self.written.setdefault(obj.pk, previous is None)

    def create_in_bulk(self, rows: list[ParsedRow], service, values) -> list:
        """Create `rows` with a bulk service (all or nothing, RowErrors): the rows it refuses get their
        errors and the others are created without them. Returns [(row, record)]."""
        while rows:
            try:
                return list(zip(rows, service(user=self.user, rows=[values(row) for row in rows]), strict=True))
            except RowErrors as exc:
                for index, error in exc.errors.items():
                    self.service_failed(rows[index], error)
                rows = [row for index, row in enumerate(rows) if index not in exc.errors]
        return []

    def resolve(self, lookup: str, value):
        text = clean_text(value)
        if not text:
            return None
        table = self.lookups.get(lookup, {})
        found = table.get(norm(text))
        if found is None:
            raise CellError(_("“%(v)s” tidak dikenal; gunakan kode dari lembar kode templat") % {"v": text[:80]})
        if found == "ambiguous":
            raise CellError(_("“%(v)s” cocok dengan lebih dari satu data; gunakan kodenya") % {"v": text[:80]})
        return found

    def parse_cell(self, column: ImportColumn, value):
        kind = column.kind
        if kind in ("text", "readonly"):
            return clean_text(value)
        if kind in ("int", "id"):
            number = parse_int(value)
            if number is not None and number < 0:
                raise CellError(_("tidak boleh negatif"))
            return number
        if kind == "date":
            return parse_date(value)
        if kind == "bool":
            return parse_bool(value)
        if kind == "choice":
            return parse_choice(value, column.choices)
        if kind == "ref":
            return self.resolve(column.lookup, value)
        raise ValueError(kind)  # pragma: no cover - a programming error in a column list

    def parse_row(self, number: int, cells: list, mapping: dict[int, ImportColumn]) -> ParsedRow:
        row = ParsedRow(number=number, data={}, present={c.key for c in mapping.values()})
        for index, column in mapping.items():
            value = cells[index] if index < len(cells) else None
            try:
                parsed = self.parse_cell(column, value)
            except CellError as exc:
                row.errors.append((column.header, str(exc)))
                continue
            if column.kind == "readonly":
                continue
            if parsed in (None, "") and column.default is not None:
                parsed = column.default
            if column.required and parsed in (None, ""):
                row.errors.append((column.header, _("wajib diisi")))
                continue
            row.data[column.key] = parsed
        row.present -= {c.key for c in self.columns if c.kind == "readonly"}
        if not row.errors:
            self.clean_row(row)
        return row

    def service_errors(self, row: ParsedRow, exc: ValidationError) -> None:
        """A service's ValidationError, each message under the column of its field."""
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                header = self.header_of("sdgs" if name == "sdgs" else name)
                for error in errors:
                    for message in error.messages:
                        row.errors.append((header, message))
        else:
            for message in exc.messages:
                row.errors.append(("", message))

    def service_failed(self, row: ParsedRow, exc: Exception) -> None:
        """What a service raised for this row, as the row's errors."""
        if isinstance(exc, ValidationError):
            self.service_errors(row, exc)
        elif isinstance(exc, PermissionDenied):
            row.errors.append(("", str(exc) or _("Anda tidak berwenang mengubah data ini.")))
        else:
            row.errors.append(("", _("Baris ini tidak dapat disimpan (bentrok dengan data lain).")))


def parse_sheet(importer: Importer, sheet: UploadedSheet, progress=None) -> list[ParsedRow]:
    """Every data row parsed (row errors inside); ImportFileError for a file-level problem."""
    rows_iter = read_rows(sheet)
    first = next(rows_iter, None)
    if first is None:
        raise ImportFileError(_("Berkas kosong: tidak ada baris untuk diimpor."), code="empty")
    mapping = map_headers(first[1], importer.columns)
    importer.prepare()
    parsed = []
    for number, cells in rows_iter:
        if number == 2 and is_english_header_row(cells, mapping):
            continue
        if is_example_row(cells):
            importer.example_rows.append(number)
            continue
        if len(parsed) >= MAX_IMPORT_ROWS:
            raise ImportFileError(
                _("Terlalu banyak baris: paling banyak %(n)s baris per berkas.") % {"n": f"{MAX_IMPORT_ROWS:,}"},
                code="too_many_rows",
            )
        parsed.append(importer.parse_row(number, cells, mapping))
        if progress and len(parsed) % 500 == 0:
            progress(len(parsed))
    if not parsed and importer.example_rows:
        raise ImportFileError(
            _(
                "Berkas hanya berisi baris contoh templat (baris %(rows)s), yang selalu dilewati: tidak ada data "
                "yang diimpor. Isi data Anda di bawah baris contoh, lalu unggah lagi."
            )
            % {"rows": ", ".join(str(n) for n in importer.example_rows)},
            code="only_example",
        )
    if not parsed:
        raise ImportFileError(_("Berkas tidak berisi baris data di bawah baris judul kolom."), code="no_rows")
    return parsed


def run_import(importer: Importer, rows: list[ParsedRow], *, commit: bool, progress=None, on_commit=None) -> Outcome:
    """Run every row through the services in one transaction.

    With commit=False (the preview) the transaction is always rolled back: the user sees exactly
    what the services would say, and nothing is written. With commit=True it is rolled back as
    soon as one row fails, so the database is either fully imported or untouched. Rows that could
    not be parsed stop the run before any service is called.

    Rows that create a record are created CREATE_BATCH_ROWS at a time (importer.create_many, a bulk
    service for innovations and replications); updates and skips go row by row, and an update waits
    until the rows above it are written. The outcome lists the rows in file order either way.

    `on_commit(importer)` runs inside the transaction of a successful real run, after the last row
    (it records what was written, with it or not at all).
    """
    outcome = Outcome(rows=len(rows))
    for number in importer.example_rows:
        outcome.add_plan(number, "example", "")
    if any(row.errors for row in rows):
        # Some rows cannot even be read: report them and run no service (the user fixes these first;
        # a 10,000-row file with a bad cell near the end is refused in seconds, not minutes).
        for row in rows:
            for column, message in row.errors:
                outcome.add_error(row.number, column, message)
            outcome.add_plan(row.number, "error" if row.errors else "unchecked", importer.label(row))
        return outcome
    try:
        with transaction.atomic():
            importer.preload(rows)
            run = _Run(importer, outcome, commit)
            for index, row in enumerate(rows, start=1):
                run.add(row)
                if run.stopped:
                    break  # the whole import is void: stop early
                if progress and index % 100 == 0:
                    progress(index, len(rows))
            run.flush()
            if outcome.error_count or not commit:
                raise _Rollback
            if on_commit:
                on_commit(importer)
            outcome.committed = True
    except _Rollback:
        pass
    return outcome


class _Run:
    """The rows of one run in file order. A row that creates a record waits (with at most
    CREATE_BATCH_ROWS others) for importer.create_many; every other row is decided at once. Rows are
    recorded in the outcome in file order, when the rows waiting before them have been created.

    Waiting changes nothing a row would see: rows of one file never name the same record
    (Importer.clean_row), so a row to create cannot be matched by a later row, and an update first
    writes every row above it.
    """

    def __init__(self, importer: Importer, outcome: Outcome, commit: bool):
        self.importer, self.outcome, self.commit = importer, outcome, commit
        self.pending: list[tuple[ParsedRow, str]] = []  # (row, action) not yet recorded, in file order
        self.to_create: list[ParsedRow] = []
        self.stopped = False

    def add(self, row: ParsedRow) -> None:
        existing, action = _decide(self.importer, row)
        if action == "create":
            self.to_create.append(row)
        elif action == "update":
            self.flush()
            if self.stopped:
                return
            action = _update(self.importer, existing, row)
        self.pending.append((row, action))
        # A real import stops at its first error: the rows above it are created first, so that the
        # error reported is the first one of the file, as row by row.
        if len(self.to_create) >= CREATE_BATCH_ROWS or (self.commit and action == "error"):
            self.flush()

    def flush(self) -> None:
        if self.to_create:
            self.importer.create_many(self.to_create)
            self.to_create = []
        for row, action in self.pending:
            _record(self.importer, self.outcome, row, "error" if row.errors else action)
            if self.commit and self.outcome.error_count:
                self.stopped = True
                break
        self.pending = []


def _decide(importer: Importer, row: ParsedRow) -> tuple[object, str]:
    """(the existing record, what the row does: create, update, skip or error)."""
    existing = importer.match(row)
    if not row.errors:
        denied = importer.permission_error(row, existing)
        if denied:
            row.errors.append(denied)
    if row.errors:
        return existing, "error"
    if existing is None:
        return None, "create"
    return existing, "update" if importer.changed(existing, row) else "skip"


def _update(importer: Importer, existing, row: ParsedRow) -> str:
    try:
        # The services are atomic themselves: a failing row rolls back to its own savepoint.
        importer.update(existing, row)
    except (ValidationError, PermissionDenied, DatabaseError) as exc:
        importer.service_failed(row, exc)
        return "error"
    return "update"


def _record(importer: Importer, outcome: Outcome, row: ParsedRow, action: str) -> None:
    if action == "error":
        for column, message in row.errors:
            outcome.add_error(row.number, column, message)
    elif action == "create":
        outcome.created += 1
    elif action == "update":
        outcome.updated += 1
    else:
        outcome.skipped += 1
    outcome.add_plan(row.number, action, importer.label(row))


def as_request(user):
    """What a FilterSet reads of a request (its user) for an export run outside one: the filters that
    depend on the user (the status menu, `import_job`) then answer as on the page."""
    return SimpleNamespace(user=user)


def build_lookup(objects, *key_funcs) -> dict:
    """{normalised code or name: object}; a key shared by two objects resolves to "ambiguous"."""
    table: dict = {}
    for obj in objects:
        for key_func in key_funcs:
            key = norm(key_func(obj))
            if not key:
                continue
            if key in table and table[key] != obj:
                table[key] = "ambiguous"
            else:
                table[key] = obj
    return table
