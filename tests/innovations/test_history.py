"""Every change of innovations and replications is kept; staff can read it."""

from django.urls import reverse

from innovations.models import Innovation
from innovations.services import innovation as services
from tests.factories.innovations import eligible


def test_history_records_a_change_with_who_and_before_after(client, world):
    innovation = services.innovation_create(
        user=world.admin, data={"hub": world.hub_a, "institution": world.coached_a, "title": "Inovasi Riwayat"}
    )
    services.innovation_update(innovation=innovation, user=world.editor, data={"kebaruan": "Nilai tambah baru"})
    records = list(innovation.history.order_by("history_date", "history_id"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert records[0].history_user == world.admin
    assert records[1].history_user == world.editor
    delta = records[1].diff_against(records[0])
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("kebaruan", "", "Nilai tambah baru")]

    client.force_login(world.staff)
    page = client.get(reverse("innovations:innovation_history", args=[innovation.slug])).content.decode()
    assert "Nilai tambah baru" in page and "editor_a" in page


def test_history_page_is_for_staff_only(client, world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, status="published")
    url = reverse("innovations:innovation_history", args=[innovation.slug])
    assert client.get(url).status_code == 403
    client.force_login(world.admin)
    assert client.get(url).status_code == 403


def test_replication_history_records_stage_change(client, world):
    innovation = eligible(institution=world.hub_a, hub=world.hub_a, status="published")
    replication = services.replication_create(
        user=world.admin, data={"innovation": innovation, "adopter": world.coached_a, "facilitating_hub": world.hub_a}
    )
    services.replication_update(replication=replication, user=world.admin, data={"stage": "persiapan"})
    records = list(replication.history.order_by("history_date", "history_id"))
    assert [r.stage for r in records] == ["komitmen", "persiapan"]
    assert records[-1].history_user == world.admin
    client.force_login(world.staff)
    page = client.get(reverse("innovations:replication_history", args=[replication.pk])).content.decode()
    assert "persiapan" in page


def test_an_update_that_changes_nothing_adds_no_history_record(world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a)
    before = innovation.history.count()
    updated = services.innovation_update(innovation=innovation, user=world.admin, data={"title": innovation.title})
    assert innovation.history.count() == before
    assert updated.version == innovation.version + 1


def test_deleting_a_draft_leaves_a_history_row_naming_who_deleted_it(world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a)
    services.innovation_delete(innovation=innovation, user=world.editor)
    row = Innovation.history.filter(id=innovation.pk).latest("history_date")
    assert (row.history_type, row.history_user) == ("-", world.editor)
