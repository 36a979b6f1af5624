"""Figures in reports are written in the report's language; spreadsheet cells stay numbers."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from reports import services
from reports.generators import formatting
from reports.generators.formatting import XLSX_COUNT
from reports.generators.writers import Table, write_xlsx
from tests.factories.hubs import HubFactory, HubMembershipFactory
from tests.factories.stories import ImpactStoryFactory, IndicatorFactory, MeasurementFactory, ProgrammeFactory


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", ["61.791", "2.396", "12,5", "75,0%", "Rp1.250.000", "—"]),
        ("en", ["61,791", "2,396", "12.5", "75.0%", "Rp1,250,000", "—"]),
    ],
)
def test_figures_follow_the_language(language, expected):
    """Counts are whole and grouped, measured values keep only their own decimals, shares one decimal."""
    with translation.override(language):
        got = [
            formatting.count(61791),
            formatting.count(Decimal("2396.00")),
            formatting.figure(Decimal("12.50")),
            formatting.percent(75),
            formatting.rupiah(1250000),
            formatting.count(None),
        ]
    assert got == expected


def test_an_indicator_value_is_written_in_its_unit():
    with translation.override("id"):
        assert formatting.measure(Decimal("2396.00"), "orang") == "2.396"
        assert formatting.measure(Decimal("1500000.00"), "Rp") == "Rp1.500.000"
        assert formatting.measure(Decimal("33.30"), "%") == "33,3%"


def test_xlsx_count_columns_are_numbers_with_a_number_format(tmp_path):
    """A spreadsheet must still add the figures up: a number with a format, never formatted text."""
    write_xlsx(tmp_path / "t.xlsx", [Table("T", ["Tahun", "Orang"], [[2022, 61791]], number_formats={1: XLSX_COUNT})])
    year, people = next(load_workbook(tmp_path / "t.xlsx")["T"].iter_rows(min_row=2, max_row=2))
    assert people.value == 61791 and people.data_type == "n" and people.number_format == "#,##0"
    assert year.value == 2022 and year.number_format == "General"  # a year is not grouped


def run(user, kind, language="id", **params):
    job = services.report_job_request(user=user, kind=kind, language=language, params=params)
    assert services.report_job_run(job_id=job.pk) == "succeeded"
    job.refresh_from_db()
    return job


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["hub_profile", "tpbis_impact"])
@pytest.mark.parametrize(("language", "people", "value"), [("id", "61.791", "2.396"), ("en", "61,791", "2,396")])
def test_pdf_groups_thousands_in_its_language_and_writes_counts_whole(pdftotext, kind, language, people, value):
    hub = HubFactory(name="Hub Angka")
    admin = HubMembershipFactory(role="admin", hub=hub).user
    programme = ProgrammeFactory(hub=hub)
    ImpactStoryFactory(programme=programme, hub=hub, status="published", people_reached=61791)
    indicator = IndicatorFactory(programme=programme, name="Peserta", unit="orang", target=None, baseline=None)
    MeasurementFactory(indicator=indicator, value=Decimal("2396.00"))
    params = {"hub": hub.pk} if kind == "hub_profile" else {"programme": programme.pk}
    text = pdftotext(run(admin, kind, language=language, **params).file)
    assert people in text and value in text
    assert "61791" not in text and "2396,00" not in text and "2396.00" not in text


@pytest.mark.django_db
def test_network_recap_xlsx_counts_are_numeric_cells(staff_user):
    HubFactory(name="Hub Sel")
    job = run(staff_user, "network_recap")
    with job.file.open("rb") as fh:
        ws = load_workbook(io.BytesIO(fh.read()))["Ringkasan per hub"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("Inovasi") + 1)
    assert cell.data_type == "n" and cell.number_format == XLSX_COUNT


@pytest.mark.django_db
def test_network_recap_xlsx_years_stay_plain_and_counts_are_formatted(staff_user, seeded):
    job = run(staff_user, "network_recap")
    with job.file.open("rb") as fh:
        ws = load_workbook(io.BytesIO(fh.read()))["Angkatan"]
    header = [c.value for c in ws[1]]
    year = ws.cell(row=2, column=header.index("Tahun") + 1)
    recorded = ws.cell(row=2, column=header.index("Tercatat") + 1)
    assert year.data_type == "n" and year.value == 2020 and year.number_format == "General"
    assert recorded.data_type == "n" and recorded.number_format == XLSX_COUNT
