"""Property tests of the import parsing (dataio.importers.base): hostile cells and files never crash it.

Every cell parser either returns a value of its type or raises CellError (shown to the user with the
row and column); a file is either a sheet whose rows can be read or an ImportFileError. Text that a
spreadsheet would run as a formula never comes out of clean_text.
"""

import contextlib
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from dataio.importers.base import (
    FORMULA_PREFIXES,
    NUMBER_RE,
    CellError,
    ImportFileError,
    clean_text,
    parse_bool,
    parse_choice,
    parse_date,
    parse_int,
    read_rows,
    read_upload,
)

PROPS = settings(max_examples=200, deadline=None)
cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=200),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "'=aman", "\t=x", "1.500.000", "31/02/2024"]),
    st.binary(max_size=20),
    st.lists(st.integers(), max_size=3),
)


@PROPS
@given(cells)
def test_clean_text_returns_safe_text_or_a_cell_error(value):
    try:
        text = clean_text(value)
    except CellError:
        return
    assert isinstance(text, str)
    if text.startswith(FORMULA_PREFIXES):
        assert NUMBER_RE.match(text) or (isinstance(value, str) and value.startswith("'"))


@PROPS
@given(cells)
def test_cell_parsers_return_their_type_or_a_cell_error(value):
    for parser, kind in ((parse_int, int), (parse_date, datetime.date), (parse_bool, bool)):
        try:
            result = parser(value)
        except CellError:
            continue
        assert result is None or isinstance(result, kind), (parser.__name__, value, result)
    with contextlib.suppress(CellError):
        assert parse_choice(value, [("umum", "Umum"), ("khusus", "Khusus")]) in ("", "umum", "khusus")


@PROPS
@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_integers_survive_a_round_trip_through_text(number):
    assert parse_int(str(number)) == number


@pytest.mark.parametrize("name", ["data.csv", "data.xlsx"])
@settings(max_examples=150, deadline=None)
@given(content=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda t: t.encode("utf-8", "replace"))))
def test_any_bytes_are_a_readable_sheet_or_an_import_file_error(name, content):
    try:
        sheet = read_upload(SimpleUploadedFile(name, content))
        rows = list(read_rows(sheet))
    except ImportFileError:
        return
    assert all(isinstance(number, int) and isinstance(row, list) for number, row in rows)
