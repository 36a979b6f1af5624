"""How every report writes a figure: in the report's language, through Django's localisation.

A report renders under `translation.override(job.language)`, so the active language is the
report's: Indonesian groups thousands with a dot and writes decimals after a comma (61.791; 75,0%),
English the other way round (61,791; 75.0%). Grouping is forced, whatever USE_THOUSAND_SEPARATOR
says for the pages, because a printed figure of five digits without separators is misread.

PDF templates reach these through the `report_format` template tags; spreadsheets keep numbers as
numbers and get a cell number format instead (XLSX_COUNT), so that they still compute.
"""

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format

EMPTY = "—"

# Excel number formats are stored language-neutral; the reader's spreadsheet shows its own separators.
XLSX_COUNT = "#,##0"

# Units under which an indicator's values are amounts of money (Indonesian Rupiah).
RUPIAH_UNITS = frozenset({"rp", "rupiah", "idr"})
PERCENT_UNITS = frozenset({"%", "persen", "percent"})


def _grouped(value, places: int) -> str:
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def count(value) -> str:
    """A count of things: a whole number with thousands grouped (61.791), never "2.396,00"."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    return _grouped(int(number.to_integral_value()), 0)


def figure(value, max_places: int = 2) -> str:
    """A measured value (stored with two decimals): whole values without decimals, others with
    only the decimals they have (150; 12,5), up to `max_places`."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    if number == number.to_integral_value():
        return _grouped(int(number), 0)
    places = min(-number.normalize().as_tuple().exponent, max_places)
    return _grouped(number, places)


def percent(value) -> str:
    """A share in percent with one decimal: 75,0% (Indonesian), 75.0% (English)."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    return f"{_grouped(number, 1)}%"


def rupiah(value) -> str:
    """An amount of Rupiah, whole, the symbol before the figure without a space: Rp1.250.000.
    English keeps the symbol (as Indonesia's English-language press does) with its own grouping:
    Rp1,250,000."""
    number = _decimal(value)
    if number is None:
        return EMPTY
    return f"Rp{count(number)}"


def measure(value, unit: str = "") -> str:
    """An indicator's value in its unit's style: money as Rupiah, shares as percent, else a figure."""
    unit = (unit or "").strip().lower().rstrip(".")
    if unit in RUPIAH_UNITS:
        return rupiah(value)
    if unit in PERCENT_UNITS:
        return percent(value)
    return figure(value)
