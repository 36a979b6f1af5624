"""Login, logout and password reset by e-mail (which never reveals whether an address exists)."""

from django.core import mail
from django.urls import reverse

from tests.factories.hubs import UserFactory


def test_login_page_and_failed_login_keeps_username(client, db):
    UserFactory(username="budi")
    assert client.get(reverse("login")).status_code == 200
    response = client.post(reverse("login"), {"username": "budi", "password": "salah"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="budi"' in page and "alert-danger" in page


def test_logout_is_a_post(client, db):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("innovations:innovation_list")).content.decode()
    assert f'action="{reverse("logout")}"' in page
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_does_not_reveal_whether_the_address_exists(client, db):
    UserFactory(email="ada@contoh.go.id")
    known = client.post(reverse("password_reset"), {"email": "ada@contoh.go.id"})
    unknown = client.post(reverse("password_reset"), {"email": "tidakada@contoh.go.id"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@contoh.go.id"]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_reset_link_sets_a_new_password(client, db):
    user = UserFactory(email="reset@contoh.go.id")
    client.post(reverse("password_reset"), {"email": "reset@contoh.go.id"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link[link.index("/accounts/reset/") :]
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "KataSandiBaru!2026", "new_password2": "KataSandiBaru!2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("KataSandiBaru!2026")


def test_nav_shows_review_queue_to_staff_only(client, world):
    client.force_login(world.admin)
    assert reverse("innovations:review_queue") not in client.get("/innovations/").content.decode()
    client.force_login(world.staff)
    assert reverse("innovations:review_queue") in client.get("/innovations/").content.decode()
    assert client.get(reverse("innovations:review_queue")).status_code == 200
