"""What each resource shows: hubs with designations, staff-only memberships, consent in stories, visibility."""

import pytest

from innovations.models import Attachment
from tests.factories.stories import ImpactStoryFactory, IndicatorFactory, MeasurementFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_hub_detail_has_its_designations(world, anon):
    body = anon.get(f"/api/v1/hubs/{world.hub_a.pk}/").json()
    assert body["name"] == world.hub_a.name == "Pemerintah Provinsi Uji A"
    assert body["first_year"] == 2020
    assert [d["year"] for d in body["designations"]] == [2020]


def test_hub_list_uses_the_hub_pages_filters(world, anon):
    """`year` and `q` behave as on the hub page; a non-hub institution is never a hub."""
    names = [h["name"] for h in anon.get("/api/v1/hubs/", {"year": 2021}).json()["results"]]
    assert names == ["Pemerintah Provinsi Uji B"]
    names = [h["name"] for h in anon.get("/api/v1/hubs/", {"q": "uji a"}).json()["results"]]
    assert names == ["Pemerintah Provinsi Uji A"]
    all_names = {h["name"] for h in anon.get("/api/v1/hubs/").json()["results"]}
    assert world.spoke.name not in all_names
    assert anon.get(f"/api/v1/hubs/{world.spoke.pk}/").status_code == 404


def test_institutions_filter_by_coaching_hub(world, anon):
    rows = anon.get("/api/v1/institutions/", {"coaching_hub": world.hub_a.pk}).json()["results"]
    assert [r["id"] for r in rows] == [world.spoke.pk]


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("editor", 403), ("admin", 403), ("staff", 200)])
def test_memberships_are_for_staff_only(world, client_for, role, status):
    response = client_for(role).get("/api/v1/memberships/")
    assert response.status_code == status
    if status == 200:
        assert {m["username"] for m in response.json()["results"]} == {"editor_a", "admin_a", "admin_b"}


def test_cohort_counts_recorded_hubs(world, anon):
    rows = anon.get("/api/v1/cohorts/").json()["results"]
    assert {(r["year"], r["recorded_count"]) for r in rows} == {(2020, 1), (2021, 1)}


def test_province_and_regency_ids_are_their_codes(world, anon):
    assert anon.get(f"/api/v1/provinces/{world.province.code}/").json()["name"] == "Provinsi Uji A"
    assert anon.get("/api/v1/provinces/xx/").status_code == 404


@pytest.fixture
def story(world):
    programme = ProgrammeFactory(hub=world.hub_a, name="TPBIS", slug="tpbis")
    return ImpactStoryFactory(programme=programme, province=world.province, consent_name_public=False)


def test_story_without_name_consent_hides_the_name_and_personal_fields(world, anon, story):
    body = anon.get(f"/api/v1/stories/{story.pk}/").json()
    assert "Siti" not in str(body)
    assert body["personal"] is None
    assert body["photos"] == []


def test_story_shows_personal_data_to_its_hub_and_staff_only(world, client_for, story):
    for role in ("editor", "staff"):
        body = client_for(role).get(f"/api/v1/stories/{story.pk}/").json()
        assert body["personal"]["gender"] == "perempuan"
        assert body["beneficiary"] == story.beneficiary_name == "Siti Wahyuni"
    body = client_for("other_hub_member").get(f"/api/v1/stories/{story.pk}/").json()
    assert body["personal"] is None
    assert "Siti" not in str(body)


def test_draft_story_is_invisible_outside_its_hub(world, client_for, story):
    story.status = "draft"
    story.save()
    assert client_for("anonymous").get(f"/api/v1/stories/{story.pk}/").status_code == 404
    assert client_for("other_hub_member").get(f"/api/v1/stories/{story.pk}/").status_code == 404
    assert client_for("editor").get(f"/api/v1/stories/{story.pk}/").status_code == 200


def test_indicators_of_a_draft_innovation_are_hidden_like_the_innovation(world, client_for):
    hidden = IndicatorFactory(programme=None, innovation=world.draft_a)
    shown = IndicatorFactory(programme=None, innovation=world.published_a)
    MeasurementFactory(indicator=hidden)
    MeasurementFactory(indicator=shown)
    anon_ids = {r["id"] for r in client_for("anonymous").get("/api/v1/indicators/").json()["results"]}
    assert shown.pk in anon_ids and hidden.pk not in anon_ids
    anon_measured = {r["indicator"] for r in client_for("anonymous").get("/api/v1/measurements/").json()["results"]}
    assert anon_measured == {shown.pk}
    editor_ids = {r["id"] for r in client_for("editor").get("/api/v1/indicators/").json()["results"]}
    assert hidden.pk in editor_ids


def test_attachments_are_listed_with_the_innovation(world, anon):
    Attachment.objects.create(
        innovation=world.published_a,
        file="attachments/x.pdf",
        original_name="dokumen.pdf",
        content_type="application/pdf",
        size=10,
    )
    rows = anon.get(f"/api/v1/innovations/{world.published_a.pk}/attachments/").json()
    assert [r["original_name"] for r in rows] == ["dokumen.pdf"]
    assert anon.get(f"/api/v1/innovations/{world.draft_a.pk}/attachments/").status_code == 404


def test_attachment_upload_refused_to_another_hub(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client_for("other_hub_member").post(
        f"/api/v1/innovations/{world.published_a.pk}/attachments/", {"file": upload}, format="multipart"
    )
    assert response.status_code == 403
    assert not world.published_a.attachments.exists()
