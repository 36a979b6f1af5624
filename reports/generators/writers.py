"""Tabular output (CSV, XLSX) with spreadsheet formula injection neutralised.

A cell whose text starts with =, +, - or @ (or a tab / carriage return, which some programs skip
before reading a formula) would be run as a formula by Excel or LibreOffice. Such text gets a
leading apostrophe, which spreadsheets show as plain text. Numbers are left as numbers: in an XLSX a
column may give them a number format (thousands grouped in the reader's own style) and they stay
numbers a spreadsheet can add up; a CSV is data for programs and carries them unformatted.
"""

import csv
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.encoding import force_str
from django.utils.functional import Promise

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet should store it: numbers and dates as they are, text made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, int | float | Decimal | datetime.date | datetime.datetime):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            # Spreadsheets have no time zones: write the local time of the portal.
            from django.utils import timezone

            return timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, Promise):
        value = force_str(value)
    text = str(value)
    if text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


@dataclass
class ListFrom:
    """The values a column's cells offer in a dropdown (XLSX only): fixed `values`, or the cells of
    column `column` of another table written in the same file, its data rows `start` to `stop`
    (counted from 0; `stop` None for all of them, which needs that table's rows as a list)."""

    table: "Table | None" = None
    column: int = 0
    start: int = 0
    stop: int | None = None
    values: tuple = ()


@dataclass
class Table:
    """A titled table whose rows may be a generator (consumed once, while writing).

    `number_formats` maps a column's index to an Excel number format for its numbers (e.g.
    reports.generators.formatting.XLSX_COUNT); a column left out (a year, a code) is written plain.

    The rest shapes a sheet meant to be filled in (XLSX only; a CSV carries the rows alone):
    `subheaders` are more header rows under the first (e.g. the headers in another language),
    `example_rows` come next, in grey italics; `freeze_header` keeps the header rows in view;
    `required` columns get a marked, coloured header (the marker is text, not colour alone);
    `notes` put a comment on a column's header; `lists` offer a dropdown on a column's data cells
    (a warning, not a refusal, for other values); `widths` set column widths in characters.
    """

    title: str
    headers: list
    rows: Iterable
    number_formats: dict[int, str] = field(default_factory=dict)
    subheaders: list = field(default_factory=list)
    example_rows: list = field(default_factory=list)
    freeze_header: bool = False
    required: frozenset = frozenset()
    notes: dict[int, str] = field(default_factory=dict)
    lists: dict[int, ListFrom] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)


REQUIRED_MARK = " *"
# Required headers: dark text on a pale orange fill (contrast well above WCAG AA); examples in a grey
# that still reads (#595959 on white is 7:1).
REQUIRED_FILL = "FCE4C4"
EXAMPLE_COLOUR = "595959"
# Rows a dropdown covers: to the end of the sheet (Excel's last row).
LAST_ROW = 1048576


def _sheet_title(title: str, used: set) -> str:
    # Excel limits sheet names to 31 characters without []:*?/\ .
    clean = "".join(c for c in str(title) if c not in "[]:*?/\\")[:31] or "Sheet"
    name, i = clean, 2
    while name in used:
        suffix = f" ({i})"
        name, i = clean[: 31 - len(suffix)] + suffix, i + 1
    used.add(name)
    return name


def write_xlsx(path, tables: Iterable[Table], on_row=None) -> int:
    """Write each table to its own sheet in write-only (streaming) mode; returns the data row count."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    tables = list(tables)
    used: set = set()
    # Every sheet's name first: a dropdown may name a sheet written after its own.
    titles = {id(table): _sheet_title(table.title, used) for table in tables}
    count = 0
    for table in tables:
        ws = wb.create_sheet(titles[id(table)])
        _write_head(ws, table, titles)
        formats = table.number_formats
        for row in table.rows:
            if formats:
                ws.append([_xlsx_cell(ws, i, v, formats) for i, v in enumerate(row)])
            else:
                ws.append([safe_cell(v) for v in row])
            count += 1
            if on_row:
                on_row(count)
    wb.save(path)
    return count


def _write_head(ws, table: Table, titles: dict) -> None:
    """The header rows, the example rows and what makes a sheet easy to fill in (see Table)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    def styled(value, **font):
        cell = WriteOnlyCell(ws, value=safe_cell(value))
        cell.font = Font(**font)
        return cell

    # A streamed sheet writes its view and column widths before the first row: set them first.
    if table.freeze_header:
        ws.freeze_panes = f"A{2 + len(table.subheaders)}"
    for i, width in table.widths.items():
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    header = []
    for i, h in enumerate(table.headers):
        required = i in table.required
        cell = styled(f"{h}{REQUIRED_MARK}" if required else h, bold=True)
        if required:
            cell.fill = PatternFill("solid", fgColor=REQUIRED_FILL)
        if i in table.notes:
            cell.comment = Comment(str(table.notes[i]), "JIPP", width=320, height=160)
        header.append(cell)
    ws.append(header)
    for row in table.subheaders:
        ws.append([styled(v, bold=True) for v in row])
    for row in table.example_rows:
        ws.append([styled(v, italic=True, color=EXAMPLE_COLOUR) for v in row])
    first = 2 + len(table.subheaders)
    for i, source in table.lists.items():
        column = get_column_letter(i + 1)
        ws.data_validations.append(_validation(source, titles, f"{column}{first}:{column}{LAST_ROW}"))


def _validation(source: ListFrom, titles: dict, cells: str):
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    if source.table is None:
        # A list written out: Excel separates its values with commas and quotes it whole.
        if any("," in str(v) or '"' in str(v) for v in source.values):
            raise ValueError(f"a written-out list cannot hold a comma or a quote: {source.values}")
        formula = '"' + ",".join(str(v) for v in source.values) + '"'
    else:
        stop = len(source.table.rows) if source.stop is None else source.stop
        column = get_column_letter(source.column + 1)
        # Data rows of the other sheet start on row 2 (after its one header row).
        formula = (
            f"{quote_sheetname(titles[id(source.table)])}!${column}${source.start + 2}:${column}${max(stop, 1) + 1}"
        )
    validation = DataValidation(type="list", formula1=formula, allow_blank=True, errorStyle="warning")
    validation.showErrorMessage = True
    validation.add(cells)
    return validation


def _xlsx_cell(ws, index: int, value, formats: dict):
    from openpyxl.cell import WriteOnlyCell

    value = safe_cell(value)
    number_format = formats.get(index)
    if number_format is None or not isinstance(value, int | float | Decimal):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = number_format
    return cell


def write_csv(path, tables: Iterable[Table], on_row=None) -> int:
    """Write the tables one after another (a title line and a blank line between them when there are
    several); UTF-8 with a byte-order mark so that Excel reads the accents. Returns the data row count."""
    tables = list(tables)
    count = 0
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        for i, table in enumerate(tables):
            if len(tables) > 1:
                if i:
                    writer.writerow([])
                writer.writerow([safe_cell(table.title)])
            writer.writerow([safe_cell(h) for h in table.headers])
            for row in table.rows:
                writer.writerow([_csv_value(v) for v in row])
                count += 1
                if on_row:
                    on_row(count)
    return count


def _csv_value(value):
    value = safe_cell(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def write_tables(path, output_format: str, tables: Iterable[Table], on_row=None) -> int:
    if output_format == "xlsx":
        return write_xlsx(path, tables, on_row=on_row)
    if output_format == "csv":
        return write_csv(path, tables, on_row=on_row)
    raise ValueError(f"not a tabular format: {output_format}")
