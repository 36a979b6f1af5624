"""The security audit log: every kind of event the issue names is recorded, and staff can read it."""

import pytest
from django.contrib.auth.models import Group

from hubs.models import HubMembership
from jipp.choices import MembershipRole, SecurityEventKind
from jipp.models import SecurityEvent
from jipp.permissions import MINISTRY_STAFF_GROUP
from jipp.tokens import api_token_create, api_token_revoke
from stories.services import story_erase_personal_data
from tests.api.conftest import token_client
from tests.factories.hubs import PASSWORD, UserFactory
from tests.factories.innovations import InnovationFactory
from tests.factories.stories import ImpactStoryFactory

K = SecurityEventKind


def events(kind):
    return list(SecurityEvent.objects.filter(kind=kind).order_by("pk"))


@pytest.mark.django_db
def test_login_success_and_failure_are_recorded_with_address_and_path(client):
    """A failed login records the tried username (never the password); a success records the user."""
    user = UserFactory(username="pencatat")
    client.post("/accounts/login/", {"username": "pencatat", "password": "salah-123"}, REMOTE_ADDR="203.0.113.9")
    client.post("/accounts/login/", {"username": "pencatat", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9")
    [failed] = events(K.LOGIN_FAILED)
    assert failed.user is None and failed.detail == {"username": "pencatat"}
    assert failed.ip == "203.0.113.9" and failed.path == "/accounts/login/"
    assert "salah-123" not in str(SecurityEvent.objects.values_list("detail", flat=True))
    [ok] = events(K.LOGIN_SUCCEEDED)
    assert ok.user == user and ok.ip == "203.0.113.9"
    client.post("/accounts/logout/")
    assert [e.user for e in events(K.LOGOUT)] == [user]


@pytest.mark.django_db
def test_an_overlong_username_is_clipped_in_the_log(client):
    """Hostile input must not bloat the log: the stored username is cut to a bounded length."""
    client.post("/accounts/login/", {"username": "x" * 5000, "password": "salah"})
    [failed] = events(K.LOGIN_FAILED)
    assert len(failed.detail["username"]) <= 200


@pytest.mark.django_db
def test_client_ip_honours_the_trusted_proxy_count_only(client, settings):
    """Behind one proxy the client is the last X-Forwarded-For entry; a forged left part is ignored."""
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        "/accounts/login/",
        {"username": "siapa", "password": "salah"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7",
    )
    settings.TRUSTED_PROXY_COUNT = 0
    client.post(
        "/accounts/login/",
        {"username": "siapa", "password": "salah"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="1.2.3.4",
    )
    assert [e.ip for e in events(K.LOGIN_FAILED)] == ["198.51.100.7", "10.0.0.2"]


@pytest.mark.django_db
def test_token_creation_and_revocation_are_recorded_without_the_secret():
    user = UserFactory()
    token, plaintext = api_token_create(user=user, name="sinkron")
    api_token_revoke(token=token, user=user)
    api_token_revoke(token=token, user=user)  # idempotent: revoked once, recorded once
    [created] = events(K.TOKEN_CREATED)
    [revoked] = events(K.TOKEN_REVOKED)
    assert created.user == revoked.user == user
    assert created.detail["prefix"] == token.prefix and created.detail["name"] == "sinkron"
    assert plaintext.split(".", 1)[1] not in str(created.detail)


@pytest.mark.django_db
def test_token_page_create_and_revoke_record_the_request_address(client):
    user = UserFactory()
    client.force_login(user)
    client.post("/accounts/tokens/", {"name": "dari halaman"}, REMOTE_ADDR="192.0.2.44")
    [created] = events(K.TOKEN_CREATED)
    assert created.ip == "192.0.2.44" and created.path == "/accounts/tokens/"


@pytest.mark.django_db
def test_a_page_permission_denial_is_recorded(client, world):
    """A 403 from a page (hub editor opening the review queue) lands in the log with the user and path."""
    client.force_login(world.editor)
    assert client.get("/innovations/review/").status_code == 403
    [denied] = events(K.PERMISSION_DENIED)
    assert denied.user == world.editor and denied.path == "/innovations/review/"


@pytest.mark.django_db
def test_an_api_permission_denial_and_a_bad_token_are_recorded(world):
    """API: a 403 for a token user records a denial; an unknown token records a failed login."""
    innovation = InnovationFactory(institution=world.coached_b, hub=world.hub_b, status="published")
    api = token_client(world.editor)
    response = api.post(f"/api/v1/innovations/{innovation.pk}/submit/", {}, format="json")
    assert response.status_code in (403, 404)
    if response.status_code == 403:
        assert events(K.PERMISSION_DENIED)[0].user == world.editor
    # A plain read-only token trying to write is a denial whatever the object.
    ro = token_client(world.admin, read_only=True)
    assert ro.post("/api/v1/innovations/", {"title": "x"}, format="json").status_code == 403
    assert events(K.PERMISSION_DENIED)[-1].user == world.admin
    from rest_framework.test import APIClient

    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token abcdef.notasecret")
    assert bad.get("/api/v1/innovations/").status_code == 401
    assert events(K.LOGIN_FAILED)[-1].detail == {"api": True, "method": "token"}


@pytest.mark.django_db
def test_membership_changes_are_recorded_with_the_acting_user(client, world):
    """Adding a member, changing the role and removing them: three events, the actor is the admin user."""
    superuser = UserFactory(username="root_uji", is_staff=True, is_superuser=True)
    target = UserFactory(username="calon")
    client.force_login(superuser)
    add_url = "/admin/hubs/hubmembership/add/"
    assert client.post(add_url, {"user": target.pk, "hub": world.hub_a.pk, "role": "editor"}).status_code == 302
    membership = HubMembership.objects.get(user=target)
    change_url = f"/admin/hubs/hubmembership/{membership.pk}/change/"
    assert client.post(change_url, {"user": target.pk, "hub": world.hub_a.pk, "role": "admin"}).status_code == 302
    client.post(f"/admin/hubs/hubmembership/{membership.pk}/delete/", {"post": "yes"})
    changed = [e for e in events(K.MEMBERSHIP_CHANGED) if e.detail["member"] == "calon"]
    assert [(e.detail["old_role"], e.detail["role"], e.detail["created"]) for e in changed] == [
        (None, "editor", True),
        ("editor", "admin", False),
    ]
    [removed] = events(K.MEMBERSHIP_REMOVED)
    assert {e.user for e in [*changed, removed]} == {superuser}
    assert removed.detail["member"] == "calon"


@pytest.mark.django_db
def test_saving_a_membership_without_a_role_change_records_nothing(world):
    membership = HubMembership.objects.get(user=world.admin)
    before = SecurityEvent.objects.count()
    membership.save()
    assert SecurityEvent.objects.count() == before


@pytest.mark.django_db
def test_staff_flags_and_the_ministry_group_are_audited():
    """Granting is_staff/superuser or the ministry staff group changes roles: each is recorded."""
    user = UserFactory(username="naik_pangkat")
    user.is_staff = True
    user.save()
    group, _ = Group.objects.get_or_create(name=MINISTRY_STAFF_GROUP)
    user.groups.add(group)
    user.groups.remove(group)
    [flags] = events(K.STAFF_FLAGS_CHANGED)
    assert flags.detail["changed"] == {"is_staff": [False, True]}
    assert [(e.detail["action"], e.detail["groups"]) for e in events(K.GROUPS_CHANGED)] == [
        ("post_add", [MINISTRY_STAFF_GROUP]),
        ("post_remove", [MINISTRY_STAFF_GROUP]),
    ]


@pytest.mark.django_db
def test_erasure_of_personal_data_is_recorded_without_the_erased_values(world):
    story = ImpactStoryFactory(programme__hub=world.hub_a)
    HubMembership.objects.get_or_create(user=world.admin, hub=story.hub, defaults={"role": MembershipRole.ADMIN})
    story_erase_personal_data(story=story, user=world.staff)
    [erased] = events(K.PERSONAL_DATA_ERASED)
    assert erased.user == world.staff and erased.detail["story_id"] == story.pk
    assert "Siti" not in str(erased.detail)


@pytest.mark.django_db
def test_staff_read_the_log_in_the_admin_and_nobody_edits_it(client):
    """The admin lists the events; adding, changing and deleting are refused even to a superuser."""
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    event = SecurityEvent.objects.latest("pk")  # force_login recorded a login
    assert client.get("/admin/jipp/securityevent/").status_code == 200
    assert client.get(f"/admin/jipp/securityevent/{event.pk}/change/").status_code == 200  # read-only view
    assert client.get("/admin/jipp/securityevent/add/").status_code == 403
    assert client.post(f"/admin/jipp/securityevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert SecurityEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_a_failing_audit_write_never_breaks_the_audited_action(monkeypatch):
    """If the log cannot be written (e.g. the table is locked), the token is still created."""
    from jipp import audit

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit.SecurityEvent.objects, "create", broken)
    token, _ = api_token_create(user=UserFactory(), name="tetap jalan")
    assert token.pk is not None


@pytest.mark.django_db
def test_ministry_staff_read_the_log_on_their_page_newest_first_with_a_kind_filter(client, world):
    for i in range(30):
        SecurityEvent.objects.create(kind=K.LOGIN_FAILED, detail={"username": f"<script>x{i}</script>"})
    client.force_login(world.staff)
    page = client.get("/security-events/").content.decode()
    assert "&lt;script&gt;x29&lt;/script&gt;" in page and "<script>x29" not in page  # stored payload inert
    filtered = client.get("/security-events/", {"kind": K.LOGIN_SUCCEEDED})
    assert filtered.status_code == 200
    assert all(e.kind == K.LOGIN_SUCCEEDED for e in filtered.context["events"])


@pytest.mark.django_db
def test_security_log_page_reads_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    users = [UserFactory() for _ in range(10)]
    for user in users * 3:
        SecurityEvent.objects.create(kind=K.LOGOUT, user=user)
    client.force_login(world.staff)
    with django_assert_max_num_queries(8):
        assert client.get("/security-events/").status_code == 200


@pytest.mark.django_db
def test_the_security_log_page_is_refused_to_everyone_else(client, world):
    assert client.get("/security-events/").status_code == 302  # to the login
    client.force_login(world.admin)
    assert client.get("/security-events/").status_code == 403
    assert events(K.PERMISSION_DENIED)[-1].path == "/security-events/"
