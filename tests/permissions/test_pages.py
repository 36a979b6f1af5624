"""Every cell of the permission matrix (tests/permissions/matrix.py), performed through the HTML pages.

An allowed cell succeeds (200 or a redirect to the record) and its effect is in the database; a refused
one answers 403, 404 or a redirect to the login page, and nothing changed. The read-only token is an
API role and has no cell here.
"""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse

from dataio.models import ImportJob, ImportStatus
from innovations.forms import ReplicationForm
from innovations.models import Innovation, Replication
from reports.models import ReportJob
from stories.forms import ImpactStoryForm
from stories.models import ImpactStory
from tests.imports.helpers import innovation_row, read_xlsx, table, upload, xlsx_bytes
from tests.innovations.helpers import innovation_form_data
from tests.permissions.conftest import user_of
from tests.permissions.matrix import PAGE_CELLS, cell_id

pytestmark = pytest.mark.django_db

REFUSED = {403, 404}


def _bound_data(form, **overrides) -> dict:
    """What a browser would post back for an unbound form's initial values, with overrides."""
    data = {name: form[name].value() for name in form.fields}
    data.update(overrides)
    return {k: v for k, v in data.items() if v not in (None, False)}


def _story_create_data(world, title):
    return {
        "programme": world.programme_a.pk,
        "hub": world.hub_a.pk,
        "title": title,
        "library_name": "Perpustakaan Desa Uji",
        "library_level": "desa",
        "province": world.province.pk,
        "activity_type": world.activity.pk,
        "people_reached": "5",
        "narrative_before": "Sebelum.",
        "narrative_after": "Sesudah.",
        "story_date": "2024-06-01",
    }


def _exported(client, name, title) -> tuple:
    response = client.get(reverse("imports:export", args=[name]), {"format": "xlsx"})
    if response.status_code != 200:
        return response, False
    rows = read_xlsx(b"".join(response.streaming_content))
    return response, any(title in (cell or "") for row in rows for cell in row if isinstance(cell, str))


def _import(client, post, kind, rows):
    """Upload a spreadsheet and confirm it when its preview is ready; the last response is returned."""
    response = post(reverse("imports:import_home"), {"kind": kind, "file": upload(xlsx_bytes(rows), "data.xlsx")})
    if response.status_code != 302 or response.url.startswith(reverse("login")):
        return response
    job = ImportJob.objects.latest("pk")
    job.refresh_from_db()
    if job.status != ImportStatus.READY:
        return response  # refused rows: the preview names them and nothing is written
    return post(reverse("imports:import_confirm", args=[job.pk]))


def _innovation(action, client, post, world):
    draft, published = world.innovation_draft, world.innovation_published
    if action == "view":
        response = client.get(draft.get_absolute_url())
        return response, response.status_code == 200 and draft.title in response.content.decode()
    if action == "list":
        response = client.get(reverse("innovations:innovation_list"))
        return response, draft.title in response.content.decode()
    if action == "create":
        data = innovation_form_data(
            None,
            hub=world.hub_a.pk,
            institution=world.coached_a.pk,
            title="Draf matriks",
            stage="penerapan",
            innovation_type="digital",
            group="umum",
            continuation="berlanjut",
        )
        response = client.post(reverse("innovations:innovation_create"), data)
        return response, Innovation.objects.filter(title="Draf matriks", hub=world.hub_a).exists()
    if action in ("edit", "edit_published"):
        record = published if action == "edit_published" else draft
        data = innovation_form_data(record, title="Judul hasil ubahan")
        response = client.post(reverse("innovations:innovation_edit", args=[record.slug]), data)
        record.refresh_from_db()
        return response, record.title == "Judul hasil ubahan"
    if action == "delete":
        response = client.post(reverse("innovations:innovation_delete", args=[draft.slug]))
        return response, not Innovation.objects.filter(pk=draft.pk).exists()
    if action == "submit":
        response = client.post(reverse("innovations:innovation_submit", args=[draft.slug]))
        draft.refresh_from_db()
        return response, draft.status == "submitted"
    if action in ("review", "publish"):
        Innovation.objects.filter(pk=draft.pk).update(status="submitted")
        verb, target = ("start_review", "in_review") if action == "review" else ("publish", "published")
        url = reverse("innovations:innovation_review", args=[draft.slug])
        response = client.post(url, {"action": verb, "comment": ""})
        draft.refresh_from_db()
        return response, draft.status == target
    if action == "import":
        response = _import(client, post, "innovations", table([innovation_row(world, Judul="Impor matriks")]))
        return response, Innovation.objects.filter(title="Impor matriks", hub=world.hub_a).exists()
    if action == "export":
        return _exported(client, "innovations", draft.title)
    if action == "report":
        data = {"kind": "innovation_profile", "output_format": "pdf", "language": "id", "innovation": draft.pk}
        response = client.post(reverse("reports:job_create"), data)
        return response, ReportJob.objects.filter(kind="innovation_profile", params__innovation=draft.pk).exists()
    if action == "history":
        response = client.get(reverse("innovations:innovation_history", args=[draft.slug]))
        return response, response.status_code == 200 and draft.title in response.content.decode()
    raise AssertionError(action)


def _story(action, client, post, world):
    draft, published = world.story_draft, world.story_published
    if action == "view":
        response = client.get(draft.get_absolute_url())
        return response, response.status_code == 200 and draft.title in response.content.decode()
    if action == "list":
        response = client.get(reverse("stories:story_list"))
        return response, draft.title in response.content.decode()
    if action == "create":
        response = client.post(reverse("stories:story_create"), _story_create_data(world, "Kisah matriks"))
        return response, ImpactStory.objects.filter(title="Kisah matriks", hub=world.hub_a).exists()
    if action in ("edit", "edit_published"):
        record = published if action == "edit_published" else draft
        data = _bound_data(ImpactStoryForm(instance=record, user=world.admin), title="Judul hasil ubahan")
        response = client.post(reverse("stories:story_edit", args=[record.slug]), data)
        record.refresh_from_db()
        return response, record.title == "Judul hasil ubahan"
    if action == "delete":
        response = client.post(reverse("stories:story_delete", args=[draft.slug]))
        return response, not ImpactStory.objects.filter(pk=draft.pk).exists()
    if action == "submit":
        response = client.post(reverse("stories:story_submit", args=[draft.slug]))
        draft.refresh_from_db()
        return response, draft.status == "submitted"
    if action in ("review", "publish"):
        ImpactStory.objects.filter(pk=draft.pk).update(status="submitted")
        verb, target = ("start_review", "in_review") if action == "review" else ("publish", "published")
        response = client.post(reverse("stories:story_review", args=[draft.slug]), {"action": verb, "comment": ""})
        draft.refresh_from_db()
        return response, draft.status == target
    if action == "import":
        rows = [
            ["Judul", "Program", "Nama perpustakaan", "Tingkat perpustakaan", "Provinsi", "Jenis kegiatan"]
            + ["Kisah sebelum", "Kisah sesudah", "Tanggal kisah"],
            ["Impor kisah matriks", world.programme_a.slug, "Perpustakaan Desa Uji", "desa", world.province.code]
            + [world.activity.slug, "Sebelum.", "Sesudah.", datetime.date(2024, 3, 1)],
        ]
        response = _import(client, post, "stories", rows)
        return response, ImpactStory.objects.filter(title="Impor kisah matriks", hub=world.hub_a).exists()
    if action == "export":
        return _exported(client, "stories", draft.title)
    raise AssertionError(action)


def _replication(action, client, post, world):
    replication = world.replication
    if action == "list":
        response = client.get(reverse("innovations:replication_list"))
        return response, replication.innovation.title in response.content.decode()
    if action == "create":
        source = world.innovation_to_replicate
        data = {"adopter": world.coached_a.pk, "facilitating_hub": world.hub_a.pk, "stage": "komitmen"}
        response = client.post(reverse("innovations:replication_create", args=[source.slug]), data)
        return response, Replication.objects.filter(innovation=source, adopter=world.coached_a).exists()
    if action == "edit":
        data = _bound_data(ReplicationForm(instance=replication, user=world.staff), notes="Catatan hasil ubahan")
        response = client.post(reverse("innovations:replication_edit", args=[replication.pk]), data)
        replication.refresh_from_db()
        return response, replication.notes == "Catatan hasil ubahan"
    if action == "delete":
        # No page deletes a replication: there is no such route, under any name or path.
        with pytest.raises(NoReverseMatch):
            reverse("innovations:replication_delete", args=[replication.pk])
        response = client.post(f"/innovations/replications/{replication.pk}/delete/")
        return response, not Replication.objects.filter(pk=replication.pk).exists()
    if action == "import":
        rows = [
            ["Inovasi sumber (slug)", "Instansi replikator (kode)", "Hub fasilitator (kode)", "Tahap"],
            [world.innovation_to_replicate.slug, world.coached_a.slug, world.hub_a.slug, "komitmen"],
        ]
        response = _import(client, post, "replications", rows)
        return response, Replication.objects.filter(innovation=world.innovation_to_replicate).exists()
    if action == "export":
        return _exported(client, "replications", replication.innovation.slug)
    if action == "history":
        response = client.get(reverse("innovations:replication_history", args=[replication.pk]))
        return response, response.status_code == 200
    raise AssertionError(action)


@pytest.mark.parametrize(("resource", "action", "role", "allowed"), PAGE_CELLS, ids=map(cell_id, PAGE_CELLS))
def test_page_matrix(client, post, records, resource, action, role, allowed):
    """Each role takes exactly the actions the matrix allows through the pages; a refusal changes nothing."""
    world = records
    user = user_of(world, role)
    if user.is_authenticated:
        client.force_login(user)
    response, took_effect = {"innovation": _innovation, "story": _story, "replication": _replication}[resource](
        action, client, post, world
    )
    assert took_effect is allowed, (response.status_code, getattr(response, "content", b"")[:3000])
    if allowed:
        assert response.status_code in {200, 302}
        return
    if action in ("list", "export") or (resource, action) == ("replication", "view"):
        return  # a public list: it answers, without the record
    if response.status_code == 302:
        assert response.url.startswith(reverse("login")) or (action == "import" and "/imports/" in response.url)
    else:
        # A form answers 400 when what it was given is not among its choices (the hub of a new record,
        # the innovation of a report), or an import's preview names the refused row (200).
        assert response.status_code in REFUSED | ({200, 400} if action in ("create", "import", "report") else set())


def test_other_hub_admin_sees_neither_draft_in_list_nor_detail(client, records):
    """A member of another hub gets a 404 for hub A's drafts and does not find them in the lists."""
    world = records
    client.force_login(world.other)
    for draft, list_url in (
        (world.innovation_draft, reverse("innovations:innovation_list")),
        (world.story_draft, reverse("stories:story_list")),
    ):
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert draft.title not in client.get(list_url).content.decode()
        assert type(draft).objects.get(pk=draft.pk).status == "draft"
