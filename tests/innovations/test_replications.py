"""Replications: hub admins record them for their network; pages list them on the innovation and the hub."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from innovations.filtersets.innovation import ReplicationFilterSet
from innovations.models import Replication
from innovations.selectors.innovation import hub_replications, replications_visible_to
from innovations.services import innovation as services
from jipp.exceptions import VersionConflict
from tests.factories.hubs import InstitutionFactory
from tests.factories.innovations import ReplicationFactory, eligible


@pytest.fixture
def source(world):
    """A published innovation of hub A's own institution."""
    return eligible(institution=world.hub_a, hub=world.hub_a, status="published", title="Inovasi Sumber")


def test_admin_records_replication_into_own_network(world, source):
    replication = services.replication_create(
        user=world.admin,
        data={"innovation": source, "adopter": world.coached_a, "facilitating_hub": world.hub_a, "stage": "komitmen"},
    )
    assert replication.created_by == world.admin
    assert replication.version == 1


def test_other_hub_admin_may_bring_the_innovation_into_their_network(world, source):
    """Hub B facilitates hub A's innovation for an institution it coaches."""
    replication = services.replication_create(
        user=world.other, data={"innovation": source, "adopter": world.coached_b, "facilitating_hub": world.hub_b}
    )
    assert replication.facilitating_hub == world.hub_b


def test_editor_and_outsider_may_not_record(world, source):
    data = {"innovation": source, "adopter": world.coached_a, "facilitating_hub": world.hub_a}
    for user in (world.editor, world.other):
        with pytest.raises(PermissionDenied):
            services.replication_create(user=user, data=data)


def test_adopter_outside_network_of_a_foreign_innovation_is_refused(world):
    foreign = eligible(institution=world.coached_b, hub=world.hub_b, status="published")
    stranger = InstitutionFactory()
    with pytest.raises(ValidationError) as exc:
        services.replication_create(
            user=world.admin, data={"innovation": foreign, "adopter": stranger, "facilitating_hub": world.hub_a}
        )
    assert "adopter" in exc.value.message_dict


def test_only_published_innovations_are_replicated(world):
    draft = eligible(institution=world.hub_a, hub=world.hub_a)
    with pytest.raises(ValidationError) as exc:
        services.replication_create(
            user=world.admin, data={"innovation": draft, "adopter": world.coached_a, "facilitating_hub": world.hub_a}
        )
    assert "innovation" in exc.value.message_dict


def test_go_live_before_commitment_is_refused(world, source):
    import datetime

    with pytest.raises(ValidationError):
        services.replication_create(
            user=world.admin,
            data={
                "innovation": source,
                "adopter": world.coached_a,
                "facilitating_hub": world.hub_a,
                "committed_on": datetime.date(2024, 5, 1),
                "live_on": datetime.date(2024, 1, 1),
            },
        )


def test_update_bumps_version_and_detects_conflicts(world, source):
    replication = services.replication_create(
        user=world.admin, data={"innovation": source, "adopter": world.coached_a, "facilitating_hub": world.hub_a}
    )
    updated = services.replication_update(
        replication=replication, user=world.admin, data={"stage": "diterapkan"}, expected_version=1
    )
    assert (updated.stage, updated.version) == ("diterapkan", 2)
    with pytest.raises(VersionConflict):
        services.replication_update(replication=replication, user=world.admin, data={"notes": "x"}, expected_version=1)
    with pytest.raises(PermissionDenied):
        services.replication_update(replication=replication, user=world.other, data={"notes": "x"})


def test_replication_pages(client, world, source):
    """The admin records one through the form; the innovation's page lists it; the admin edits it."""
    client.force_login(world.admin)
    url = reverse("innovations:replication_create", args=[source.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"adopter": world.coached_a.pk, "facilitating_hub": world.hub_a.pk, "stage": "persiapan"}
    )
    assert response.status_code == 302
    replication = Replication.objects.get()
    page = client.get(source.get_absolute_url()).content.decode()
    assert world.coached_a.name in page and "Persiapan" in page
    edit = reverse("innovations:replication_edit", args=[replication.pk])
    response = client.post(
        edit,
        {
            "adopter": world.coached_a.pk,
            "facilitating_hub": world.hub_a.pk,
            "stage": "uji_coba",
            "committed_on": "2024-05-01",
            "live_on": "2024-01-01",
            "version": replication.version,
        },
    )
    assert response.status_code == 400  # go-live before commitment: error shown, nothing saved
    replication.refresh_from_db()
    assert replication.stage == "persiapan"


def test_hub_page_lists_outgoing_and_incoming(client, world, source):
    into_b = ReplicationFactory(innovation=source, adopter=world.coached_b, facilitating_hub=world.hub_b)
    b_source = eligible(institution=world.coached_b, hub=world.hub_b, status="published", title="Inovasi B")
    into_a = ReplicationFactory(innovation=b_source, adopter=world.coached_a, facilitating_hub=world.hub_a)
    lists = hub_replications(hub=world.hub_a, user=world.anonymous)
    assert lists["outgoing"] == [into_b]
    assert lists["incoming"] == [into_a]
    page = client.get(world.hub_a.get_absolute_url()).content.decode()
    assert "Replikasi keluar" in page and "Replikasi masuk" in page
    assert world.coached_b.name in page and "Inovasi B" in page


def test_hub_replication_totals_are_cached_and_move_with_every_change(world, source):
    """The totals come from the query cache; a new replication, a withdrawn innovation and a change of
    coaching hub each show in the next read."""
    ReplicationFactory(innovation=source, adopter=world.coached_b, facilitating_hub=world.hub_b)
    assert hub_replications(hub=world.hub_a, user=world.anonymous)["outgoing_total"] == 1
    second = eligible(institution=world.coached_a, hub=world.hub_a, status="published", title="Inovasi Kedua")
    ReplicationFactory(innovation=second, adopter=world.coached_b, facilitating_hub=world.hub_b)
    assert hub_replications(hub=world.hub_a, user=world.anonymous)["outgoing_total"] == 2
    second.status = "draft"
    second.save()
    assert hub_replications(hub=world.hub_a, user=world.anonymous)["outgoing_total"] == 1
    world.coached_b.coaching_hub = world.hub_a
    world.coached_b.save()
    assert hub_replications(hub=world.hub_a, user=world.anonymous)["incoming_total"] == 1


def test_replications_of_drafts_are_hidden_from_visitors(world):
    draft = eligible(institution=world.hub_a, hub=world.hub_a)
    hidden = ReplicationFactory(innovation=draft, adopter=world.coached_a, facilitating_hub=world.hub_a)
    assert hidden not in replications_visible_to(world.anonymous)
    assert hidden in replications_visible_to(world.editor)
    assert hidden in replications_visible_to(world.staff)


def test_replication_filterset(world, source):
    r = ReplicationFactory(innovation=source, adopter=world.coached_a, facilitating_hub=world.hub_a, stage="diterapkan")
    ReplicationFactory(innovation=source, adopter=world.coached_b, facilitating_hub=world.hub_b)
    qs = replications_visible_to(world.anonymous)
    assert list(ReplicationFilterSet({"stage": "diterapkan"}, queryset=qs).qs) == [r]
    assert list(ReplicationFilterSet({"facilitating_hub": world.hub_a.pk}, queryset=qs).qs) == [r]
    assert ReplicationFilterSet({"innovation": source.slug}, queryset=qs).qs.count() == 2


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_evidence_is_uploaded_with_the_replication(client, world, source, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.admin)
    url = reverse("innovations:replication_create", args=[source.slug])
    data = {"adopter": world.coached_a.pk, "facilitating_hub": world.hub_a.pk, "stage": "komitmen"}
    response = client.post(url, {**data, "file": SimpleUploadedFile("komitmen.pdf", PDF)})
    assert response.status_code == 302
    evidence = Replication.objects.get().evidence.get()
    assert evidence.content_type == "application/pdf"
    page = client.get(source.get_absolute_url()).content.decode()
    assert "komitmen.pdf" in page
    download = reverse("innovations:replication_evidence_download", args=[evidence.pk])
    assert client.get(download).status_code == 200


def test_refused_evidence_records_no_replication(client, world, source, settings, tmp_path):
    """A renamed executable as evidence: the error is on the file field and nothing is recorded."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.admin)
    url = reverse("innovations:replication_create", args=[source.slug])
    data = {"adopter": world.coached_a.pk, "facilitating_hub": world.hub_a.pk, "stage": "komitmen"}
    response = client.post(url, {**data, "file": SimpleUploadedFile("sk.pdf", b"MZ" + b"\x00" * 64)})
    assert response.status_code == 400
    assert 'id="file-error"' in response.content.decode()
    assert not Replication.objects.exists()


def test_evidence_of_a_hidden_replication_is_not_served(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = eligible(institution=world.hub_a, hub=world.hub_a)
    replication = ReplicationFactory(innovation=draft, adopter=world.coached_a, facilitating_hub=world.hub_a)
    evidence = services.replication_evidence_add(
        replication=replication, user=world.admin, file=SimpleUploadedFile("a.pdf", PDF)
    )
    url = reverse("innovations:replication_evidence_download", args=[evidence.pk])
    assert client.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        services.replication_evidence_add(
            replication=replication, user=world.editor, file=SimpleUploadedFile("a.pdf", PDF)
        )


def test_a_nul_character_in_the_notes_is_a_field_error_not_a_database_error(world, source):
    """Imports and the shell reach the service without a form: PostgreSQL cannot store NUL in text."""
    data = {"innovation": source, "adopter": world.coached_a, "facilitating_hub": world.hub_a, "notes": "a\x00b"}
    with pytest.raises(ValidationError) as exc:
        services.replication_create(user=world.admin, data=data)
    assert "notes" in exc.value.error_dict
    replication = services.replication_create(user=world.admin, data={**data, "notes": "ab"})
    with pytest.raises(ValidationError) as exc:
        services.replication_update(replication=replication, user=world.admin, data={"notes": "c\x00"})
    assert "notes" in exc.value.error_dict
