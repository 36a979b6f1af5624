"""Content of each report kind: figures in the XLSX/CSV match the database; PDFs carry headings and numbers."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from innovations.models import Innovation
from reports import services
from reports.choices import ReportStatus
from reports.generators.charts import bar_chart_svg
from reports.generators.writers import Table, safe_cell, write_csv, write_xlsx
from tests.factories.hubs import CohortFactory, HubFactory, HubMembershipFactory, InstitutionFactory, UserFactory
from tests.factories.innovations import InnovationFactory, ReplicationFactory
from tests.factories.stories import ImpactStoryFactory, IndicatorFactory, MeasurementFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def run(user, kind, output_format="", language="id", **params):
    job = services.report_job_request(
        user=user, kind=kind, output_format=output_format, language=language, params=params
    )
    outcome = services.report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert outcome == "succeeded", job.message + job.error_detail
    return job


def sheet_rows(job, title):
    with job.file.open("rb") as fh:
        wb = load_workbook(io.BytesIO(fh.read()), read_only=True)
    return [list(r) for r in wb[title].iter_rows(values_only=True)]


@pytest.fixture
def network():
    """Two hubs: A with 3 innovations (2 published, 1 draft), 1 replication out to B's network,
    2 stories reaching 15 people; B with 1 published innovation and nothing else."""
    cohort = CohortFactory(year=2020, name="Angkatan 2020 uji", announced_count=8)
    hub_a = HubFactory(name="Hub Alfa", cohort=cohort)
    hub_b = HubFactory(name="Hub Beta", cohort=CohortFactory(year=2021, name="Angkatan 2021 uji"))
    # Each hub's own innovations, implemented since 2022 (the recap groups them by that year).
    own = {"implementation_started_on": datetime.date(2022, 3, 1), "ringkasan": "Ringkasan inovasi uji."}
    a1 = InnovationFactory(status="published", institution=hub_a, title="Alfa satu", **own)
    InnovationFactory(status="published", institution=hub_a, title="Alfa dua", **own)
    InnovationFactory(institution=hub_a, title="Alfa draf", status="draft", **own)
    InnovationFactory(status="published", institution=hub_b, title="Beta satu", **own)
    ReplicationFactory(innovation=a1, adopter=InstitutionFactory(coaching_hub=hub_b))
    programme = ProgrammeFactory(hub=hub_a)
    ImpactStoryFactory(programme=programme, people_reached=5)
    ImpactStoryFactory(programme=programme, people_reached=10)
    return {"a": hub_a, "b": hub_b, "cohort": cohort}


def test_network_recap_xlsx_figures_match_the_database(network, staff_user):
    """Per hub: innovations by status, replications out/in, stories and people; cohorts recorded."""
    job = run(staff_user, "network_recap", "xlsx")
    assert job.status == ReportStatus.SUCCEEDED and job.download_name.endswith(".xlsx")
    rows = sheet_rows(job, "Ringkasan per hub")
    header, data = rows[0], {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert header[0] == "Hub"
    alfa, beta = data["Hub Alfa"], data["Hub Beta"]
    assert alfa["Inovasi"] == Innovation.objects.filter(hub=network["a"]).count() == 3
    assert alfa["Inovasi: Terbit"] == 2 and alfa["Inovasi: Draf"] == 1
    assert alfa["Replikasi keluar"] == 1 and alfa["Replikasi masuk"] == 0
    assert beta["Replikasi masuk"] == 1 and beta["Replikasi keluar"] == 0
    assert alfa["Kisah dampak"] == 2 and alfa["Orang terjangkau"] == 15
    assert alfa["Angkatan"] == "2020"
    cohorts = {r[0]: r for r in sheet_rows(job, "Angkatan")[1:]}
    assert cohorts["Angkatan 2020 uji"][3:] == (8, 1) or list(cohorts["Angkatan 2020 uji"][3:]) == [8, 1]
    by_year = sheet_rows(job, "Inovasi per tahun")
    assert ["Hub Alfa", 2022, 3] in by_year


def test_network_recap_csv_has_the_same_summary(network, staff_user):
    job = run(staff_user, "network_recap", "csv")
    with job.file.open("rb") as fh:
        text = fh.read().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Ringkasan per hub"]
    header = rows[1]
    alfa = dict(zip(header, next(r for r in rows if r and r[0] == "Hub Alfa"), strict=False))
    assert alfa["Inovasi"] == "3" and alfa["Orang terjangkau"] == "15"


def test_network_recap_is_for_ministry_staff_only(network):
    hub_admin = HubMembershipFactory(role="admin", hub=network["a"]).user
    with pytest.raises(Exception) as exc:
        services.report_job_request(user=hub_admin, kind="network_recap", output_format="xlsx")
    assert "staf kementerian" in str(exc.value)


def test_formula_injection_is_neutralised_in_xlsx_and_csv(tmp_path):
    """Text starting with = + - @ tab or CR is stored as inert text; numbers stay numbers."""
    evil = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "aman", -5, 3.5]
    assert [safe_cell(v) for v in evil[:6]] == ["'" + v for v in evil[:6]]
    assert safe_cell("aman") == "aman" and safe_cell(-5) == -5
    write_xlsx(tmp_path / "t.xlsx", [Table("T", ["=kepala"], [evil])])
    ws = load_workbook(tmp_path / "t.xlsx")["T"]
    cells = list(next(ws.iter_rows(min_row=2, max_row=2)))
    assert all(c.data_type != "f" for c in cells)
    assert cells[0].value == '\'=HYPERLINK("http://x")' and cells[7].value == -5
    assert ws["A1"].value == "'=kepala"
    write_csv(tmp_path / "t.csv", [Table("T", ["h"], [evil])])
    with open(tmp_path / "t.csv", encoding="utf-8-sig") as fh:
        row = list(csv.reader(fh))[1]
    assert row[:4] == ['\'=HYPERLINK("http://x")', "'+1+1", "'-2+3", "'@SUM(A1)"]


def test_hub_export_follows_the_filters_and_neutralises_formulas(staff_user):
    HubFactory(name="=cmd|' /C calc'!A0", acronym="EVIL", kind="lembaga")
    HubFactory(name="Kementerian Contoh Ekspor", kind="kementerian")
    HubFactory(name="Lembaga Lain", kind="lembaga")
    job = run(staff_user, "list_export", "xlsx", list="hubs", filters={"kind": "kementerian"})
    rows = sheet_rows(job, "Daftar hub")
    assert rows[0][0] == "Nama"
    assert [r[0] for r in rows[1:]] == ["Kementerian Contoh Ekspor"]
    assert job.row_count == 1
    job = run(staff_user, "list_export", "csv", list="hubs", filters={"q": "cmd"})
    with job.file.open("rb") as fh:
        rows = list(csv.reader(io.StringIO(fh.read().decode("utf-8-sig"))))
    assert rows[1][0] == "'=cmd|' /C calc'!A0"


def test_unknown_export_list_is_refused(staff_user):
    with pytest.raises(Exception) as exc:
        services.report_job_request(user=staff_user, kind="list_export", output_format="csv", params={"list": "x"})
    assert "tidak dapat diekspor" in str(exc.value)


def test_hub_profile_pdf_has_headings_and_numbers(network, pdftotext):
    """A hub admin gets the profile of their hub: designation, innovations, replications, impact."""
    admin = HubMembershipFactory(role="admin", hub=network["a"]).user
    MeasurementFactory(indicator=IndicatorFactory(programme=network["a"].programmes.first(), name="Orang dilatih"))
    job = run(admin, "hub_profile", hub=network["a"].pk)
    assert job.download_name.endswith(".pdf")
    text = pdftotext(job.file)
    for heading in (
        "Profil hub",
        "Hub Alfa",
        "Penetapan",
        "Angkatan 2020 uji",
        "Inovasi",
        "Replikasi keluar",
        "Indikator dampak",
        "Orang dilatih",
        "Halaman 1 / 1",
        "Dibuat",
    ):
        assert heading in text, heading
    assert "Alfa draf" in text  # the hub's own draft: its admin may see it
    assert "75,0%" in text  # 150 of a 200 target, Indonesian decimal comma


def test_hub_profile_of_another_hub_is_refused(network):
    admin = HubMembershipFactory(role="admin", hub=network["b"]).user
    with pytest.raises(Exception) as exc:
        services.report_job_request(user=admin, kind="hub_profile", params={"hub": network["a"].pk})
    assert "anggota hub" in str(exc.value)


def test_hub_profile_in_english_uses_english_fields(network, pdftotext, staff_user):
    innovation = network["a"].hub_innovations.get(title="Alfa satu")
    innovation.title_en = "Alpha one"
    innovation.save()
    job = run(staff_user, "hub_profile", language="en", hub=network["a"].pk)
    text = pdftotext(job.file)
    assert "Alpha one" in text and "Alfa satu" not in text


def test_innovation_profile_pdf_is_one_page(network, pdftotext, staff_user):
    innovation = network["a"].hub_innovations.get(title="Alfa satu")
    job = run(staff_user, "innovation_profile", innovation=innovation.pk)
    text = pdftotext(job.file)
    assert "Alfa satu" in text and "Ringkasan inovasi uji." in text and "Replikasi (1)" in text
    assert "Halaman 1 / 1" in text


def test_innovation_profile_of_a_hidden_draft_is_not_found(network):
    draft = network["a"].hub_innovations.get(status="draft")
    outsider = UserFactory()
    with pytest.raises(Exception) as exc:
        services.report_job_request(user=outsider, kind="innovation_profile", params={"innovation": draft.pk})
    assert "tidak ditemukan" in str(exc.value)


def test_tpbis_report_has_indicators_charts_and_totals(pdftotext, staff_user):
    programme = ProgrammeFactory(name="Transformasi Perpustakaan Uji")
    MeasurementFactory(indicator=IndicatorFactory(programme=programme, name="Desa terjangkau", target=400), value=100)
    job = run(staff_user, "tpbis_impact", programme=programme.pk)  # no stories: no names needed
    text = pdftotext(job.file)
    for expected in (
        "Laporan dampak",
        "Transformasi Perpustakaan Uji",
        "Indikator terhadap target",
        "Desa terjangkau",
        "25,0%",
        "Kisah dampak",
    ):
        assert expected in text, expected


def test_tpbis_report_story_totals_and_consented_names(pdftotext, staff_user):
    """Totals of stories per activity; names as stories.privacy allows."""
    programme = ProgrammeFactory(name="Program Kisah")
    ImpactStoryFactory(
        programme=programme, people_reached=7, beneficiary_name="Rahasia Sekali", consent_name_public=False
    )
    ImpactStoryFactory(programme=programme, people_reached=5)
    job = run(staff_user, "tpbis_impact", programme=programme.pk)
    text = pdftotext(job.file)
    assert "12" in text and "Kisah terbaru" in text


def test_bar_chart_svg_escapes_labels_and_scales_to_the_target():
    svg = str(bar_chart_svg([("<b>x</b>", 50, 100)], title="Judul & grafik"))
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "Judul &amp; grafik" in svg
    assert svg.startswith("<svg") and "<line" in svg
