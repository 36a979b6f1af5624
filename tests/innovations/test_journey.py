"""The issue's "done when" journey, end to end through the pages (Django test client)."""

from django.core import mail
from django.urls import reverse

from innovations.models import Innovation
from tests.innovations.helpers import innovation_form_data


def test_draft_to_published_journey(client, world, eager_celery, django_capture_on_commit_callbacks):
    """Admin logs in, creates a draft, sees a field error, fixes it, submits; staff request a revision;
    the admin resubmits; staff publish; a visitor finds it by search and by filter; a member of another
    hub could neither see nor edit the draft."""
    # The hub admin logs in through the login page.
    response = client.post(reverse("login"), {"username": "admin_a", "password": "rahasia-uji-123"})
    assert response.status_code == 302

    # A draft whose ringkasan is too long: the error is shown next to the field and the input is kept.
    too_long = " ".join(["kata"] * 201)
    data = innovation_form_data(
        None,
        hub=world.hub_a.pk,
        institution=world.coached_a.pk,
        title="Sistem Antrean Puskesmas Daring",
        ringkasan=too_long,
        latar_belakang="Antrean panjang di puskesmas.",
        kebaruan="Antrean lewat pesan singkat.",
        implementasi="Dua puluh puskesmas.",
        signifikansi="Waktu tunggu turun separuh.",
        adaptabilitas="Mudah ditiru kabupaten lain.",
        sumber_daya="Server dinas kesehatan.",
        strategi_keberlanjutan="Peraturan bupati tentang antrean daring.",
        stage="penerapan",
        innovation_type="digital",
        implementation_started_on="2022-01-10",
        group="umum",
        continuation="berlanjut",
    )
    response = client.post(reverse("innovations:innovation_create"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="ringkasan-error"' in page
    assert "200 kata" in page
    assert "Sistem Antrean Puskesmas Daring" in page  # what was typed is kept
    assert 'aria-invalid="true"' in page
    assert not Innovation.objects.exists()

    # Fixed: the draft is saved.
    data["ringkasan"] = "Pasien mengambil nomor antrean puskesmas lewat pesan singkat tanpa datang pagi-pagi."
    response = client.post(reverse("innovations:innovation_create"), data)
    assert response.status_code == 302
    innovation = Innovation.objects.get()
    assert innovation.status == "draft"

    # A member of another hub neither sees nor edits the draft.
    other = client_for(world.other)
    assert other.get(innovation.get_absolute_url()).status_code == 404
    edit = other.post(reverse("innovations:innovation_edit", args=[innovation.slug]), innovation_form_data(innovation))
    assert edit.status_code == 404
    assert "Sistem Antrean" not in other.get(reverse("innovations:innovation_list")).content.decode()

    # The admin submits; it lands in the staff review queue, and mail goes out on commit.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("innovations:innovation_submit", args=[innovation.slug]))
    assert response.status_code == 302
    assert len(mail.outbox) >= 1
    staff = client_for(world.staff)
    queue = staff.get(reverse("innovations:review_queue")).content.decode()
    assert "Sistem Antrean Puskesmas Daring" in queue

    # Staff request a revision: a comment is required.
    review_url = reverse("innovations:innovation_review", args=[innovation.slug])
    response = staff.post(review_url, {"action": "request_revision", "comment": ""})
    assert response.status_code == 400
    assert "Komentar wajib diisi" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(review_url, {"action": "request_revision", "comment": "Lengkapi data waktu tunggu."})
    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.status == "revision_requested"

    # The admin sees the comment, edits and resubmits in one go.
    detail = client.get(innovation.get_absolute_url()).content.decode()
    assert "Lengkapi data waktu tunggu." in detail
    data = innovation_form_data(innovation, signifikansi="Waktu tunggu turun dari 3 jam menjadi 40 menit.")
    data["save_submit"] = "1"
    response = client.post(reverse("innovations:innovation_edit", args=[innovation.slug]), data)
    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.status == "submitted"

    # Staff publish.
    response = staff.post(review_url, {"action": "publish", "comment": ""})
    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.status == "published"

    # An anonymous visitor finds it by search and by filter.
    client.post(reverse("logout"))
    found = client.get(reverse("innovations:innovation_list"), {"q": "puskesmas"}).content.decode()
    assert "Sistem Antrean Puskesmas Daring" in found
    filtered = client.get(
        reverse("innovations:innovation_list"), {"hub": world.hub_a.pk, "stage": "penerapan", "sdg": ""}
    ).content.decode()
    assert "Sistem Antrean Puskesmas Daring" in filtered
    elsewhere = client.get(reverse("innovations:innovation_list"), {"hub": world.hub_b.pk}).content.decode()
    assert "Sistem Antrean Puskesmas Daring" not in elsewhere


def client_for(user):
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c
