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
class Table:
    """A titled table whose rows may be a generator (consumed once, while writing).

    `number_formats` maps a column's index to an Excel number format for its numbers (e.g.
    reports.generators.formatting.XLSX_COUNT); a column left out (a year, a code) is written plain.
    """

    title: str
    headers: list
    rows: Iterable
    number_formats: dict[int, str] = field(default_factory=dict)


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
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    used: set = set()
    count = 0
    for table in tables:
        ws = wb.create_sheet(_sheet_title(table.title, used))
        header = []
        for h in table.headers:
            cell = WriteOnlyCell(ws, value=safe_cell(h))
            cell.font = Font(bold=True)
            header.append(cell)
        ws.append(header)
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
