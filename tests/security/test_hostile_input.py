"""Hostile input through the forms and the API: a clear 4xx or form error, nothing half-stored, stored text inert.

Runs on SQLite and PostgreSQL (CI runs both); PostgreSQL refuses NUL in text, so there a NUL that
reached the database would be a 500: each NUL case asserts a 400 instead.
"""

import json

import pytest
from django.urls import reverse

from innovations.models import Innovation, InnovationSDG
from tests.api.conftest import token_client
from tests.factories.innovations import eligible
from tests.innovations.helpers import innovation_form_data

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
STRINGS = {
    "overlong": "A" * 100_000,
    "nul": "judul\x00tersembunyi",
    "rtl_override": "Inovasi \u202egnp.exe\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "combining": "Z\u0351\u0357\u0310a\u0336\u0301l\u0338g\u0334o\u0335" * 20,
    "emoji": "Layanan 🚑🏥👩🏽‍⚕️ 🇮🇩 \U0001f9ec",
    "html": SCRIPT,
    "sql": "'; DROP TABLE innovations_innovation; -- \" OR 1=1 --",
    "lone_surrogate_escape": "\\ud800 \\x00 %00 %s %(x)s {{ 7*7 }} {% debug %}",
    "whitespace_only": " \t\u00a0\u2003 ",
}
DATES = ["0000-00-00", "2023-02-30", "9999-12-31", "-0001-01-01", "20231301", "1899-01-01", "😀"]
NUMBERS = ["-1", "-99999999999999999999", "99999999999999999999999", "1e309", "NaN", "0x10", "١٢٣"]


def _form(world, **overrides):
    """A create-form POST that is valid as it is (checked by test_the_base_form_is_valid)."""
    base = {
        "hub": world.hub_a.pk,
        "institution": world.coached_a.pk,
        "title": "Judul uji",
        "group": "umum",
        "continuation": "berlanjut",
        "implementation_started_on": "2022-01-10",
    }
    return innovation_form_data(None, **{**base, **overrides})


def _counts():
    return Innovation.objects.count(), InnovationSDG.objects.count()


# --- Forms ----------------------------------------------------------------------------------------


def test_the_base_form_is_valid(client, world):
    client.force_login(world.admin)
    assert client.post(reverse("innovations:innovation_create"), _form(world)).status_code == 302


@pytest.mark.parametrize("field", ["title", "ringkasan", "kebaruan", "summary_en"])
@pytest.mark.parametrize("kind", sorted(STRINGS))
def test_innovation_form_takes_hostile_strings_without_a_server_error(client, world, field, kind):
    """Each hostile string is either stored whole (302) or refused with a form error (400); never a 500."""
    client.force_login(world.admin)
    before = _counts()
    data = _form(world, **{field: STRINGS[kind]})
    response = client.post(reverse("innovations:innovation_create"), data)
    assert response.status_code in (302, 400), response.status_code
    if kind == "nul":
        assert response.status_code == 400
        assert "karakter null" in response.content.decode().lower()
    if response.status_code == 400:
        assert _counts() == before  # nothing half-stored: no row, no SDG link
        assert 'aria-invalid="true"' in response.content.decode()
    else:
        innovation = Innovation.objects.latest("pk")
        assert getattr(innovation, field) == data[field].strip()
        assert InnovationSDG.objects.filter(innovation=innovation).count() == 1


@pytest.mark.parametrize("value", DATES)
def test_innovation_form_refuses_impossible_dates_with_a_field_error(client, world, value):
    client.force_login(world.admin)
    before = _counts()
    data = _form(world, implementation_started_on=value)
    response = client.post(reverse("innovations:innovation_create"), data)
    assert response.status_code in (302, 400)
    if value in ("0000-00-00", "2023-02-30", "-0001-01-01", "20231301", "😀"):
        assert response.status_code == 400
        assert 'id="implementation_started_on-error"' in response.content.decode()
        assert _counts() == before


@pytest.mark.parametrize("value", NUMBERS)
def test_innovation_form_refuses_bad_numbers_in_choice_and_key_fields(client, world, value):
    """Numbers where keys are expected (institution, province, category): a form error, never a 500."""
    client.force_login(world.admin)
    before = _counts()
    for field in ("institution", "province", "category", "version"):
        data = _form(world, **{field: value})
        response = client.post(reverse("innovations:innovation_create"), data)
        assert response.status_code in (302, 400), (field, response.status_code)
        if field == "institution":
            assert response.status_code == 400
    assert Innovation.objects.count() - before[0] <= 3  # only the harmless fields could have stored a row


def test_a_stored_script_payload_is_rendered_inert_on_every_page(client, world):
    """A title and aspect holding markup show as text on the detail, list, edit and API pages."""
    innovation = eligible(
        institution=world.coached_a, hub=world.hub_a, status="published", title=SCRIPT, kebaruan=SCRIPT
    )
    client.force_login(world.admin)
    for url in (
        innovation.get_absolute_url(),
        reverse("innovations:innovation_list"),
        reverse("innovations:innovation_list") + "?q=" + SCRIPT,
        reverse("innovations:innovation_edit", args=[innovation.slug]),
        f"/hubs/{world.hub_a.slug}/",
    ):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "<img src=x" not in page, url
    assert "&lt;script&gt;alert" in client.get(innovation.get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/innovations/{innovation.pk}/")
    assert api["Content-Type"] == "application/json"
    assert api.json()["title"] == SCRIPT  # JSON carries the text as data; the client escapes it


@pytest.mark.parametrize("value", [STRINGS["nul"], STRINGS["overlong"], "\x00", "%00"])
@pytest.mark.parametrize(
    "path", ["/innovations/", "/innovations/replications/", "/hubs/", "/stories/", "/api/v1/innovations/"]
)
def test_search_and_filters_with_hostile_values_never_fail(client, world, path, value):
    """Lists take NUL, overlong text and odd numbers in ?q= and filters: 200 or 400, never a 500."""
    for params in ({"q": value}, {"year": value}, {"hub": value}, {"page": value}, {"province": value}):
        response = client.get(path, params)
        assert response.status_code in (200, 400, 404), (params, response.status_code)


@pytest.mark.parametrize("params", [{"year": "0"}, {"year": "10000"}, {"page": "99999999999999999999"}])
def test_out_of_range_years_and_pages_are_not_server_errors(client, world, params):
    for path in ("/innovations/", "/innovations/replications/", "/api/v1/innovations/", "/api/v1/replications/"):
        assert client.get(path, params).status_code in (200, 400, 404), (path, params)


def test_token_form_refuses_nul_and_overlong_names(client, world):
    client.force_login(world.editor)
    for name in (STRINGS["nul"], "x" * 1000):
        response = client.post("/accounts/tokens/", {"name": name})
        assert response.status_code == 400
    assert not world.editor.api_tokens.exists()


def test_login_forms_take_hostile_usernames(client):
    """NUL and 100 000-character usernames: the login form's error, not a 500 (PostgreSQL, django-axes)."""
    for path in ("/accounts/login/", "/admin/login/"):
        for name in STRINGS.values():
            response = client.post(path, {"username": name, "password": "x"})
            assert response.status_code in (200, 429), (path, response.status_code)


# --- API ------------------------------------------------------------------------------------------


def _payload(world, **overrides):
    return {
        "title": "Layanan uji",
        "institution": world.coached_a.pk,
        "hub": world.hub_a.pk,
        "ringkasan": "Ringkasan.",
        **overrides,
    }


@pytest.mark.parametrize("kind", sorted(STRINGS))
def test_api_create_takes_hostile_strings_with_201_or_a_400_error_body(world, kind):
    api = token_client(world.admin)
    before = _counts()
    response = api.post("/api/v1/innovations/", _payload(world, title=STRINGS[kind]), format="json")
    assert response.status_code in (201, 400), response.status_code
    if kind in ("nul", "overlong", "whitespace_only"):
        assert response.status_code == 400
        assert "title" in response.json()["error"]["fields"]
    if response.status_code == 400:
        assert _counts() == before


@pytest.mark.parametrize(
    "field,value",
    [
        ("hub", -1),
        ("hub", 2**63),
        ("hub", 10**30),
        ("hub", "1; DROP TABLE x"),
        ("institution", [1, 2]),
        ("institution", {"id": 1}),
        ("title", ["a", "b"]),
        ("title", {"$ne": ""}),
        ("title", None),
        ("implementation_started_on", "2023-02-30"),
        ("implementation_started_on", "0000-01-01"),
        ("implementation_started_on", "9999-99-99"),
        ("implementation_started_on", 20230101),
        ("sdgs", "not a list"),
        ("sdgs", [{"sdg": 10**20, "relevance": "x"}]),
        ("sdgs", [{"sdg": -3}]),
    ],
)
def test_api_create_refuses_wrong_types_and_ranges_with_400(world, field, value):
    api = token_client(world.admin)
    before = _counts()
    response = api.post("/api/v1/innovations/", _payload(world, **{field: value}), format="json")
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert response.json()["error"]["code"]
    assert _counts() == before


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b'{"title": "a",}',
        b"[1, 2, 3]",
        b'"just a string"',
        b"\xff\xfe\x00\x00",
        b'{"title": "\\u0000"}',
        b'{"title": "\\ud800"}',
        b"{" * 10_000 + b"}" * 10_000,
        b'{"title": ' + b'"' + b"a" * 3_000_000 + b'"}',
    ],
)
def test_api_malformed_json_gives_a_400_error_body(world, body):
    """Broken, truncated, deeply nested, non-UTF-8 or oversized JSON: a 4xx, no row.

    The API answers with its error shape; a body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused by
    Django itself before the API sees it (a plain 400).
    """
    api = token_client(world.admin)
    before = _counts()
    response = api.generic("POST", "/api/v1/innovations/", body, content_type="application/json")
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    if len(body) < 2_000_000:
        assert "error" in json.loads(response.content)
    assert _counts() == before


def test_api_patch_with_nul_on_an_existing_record_changes_nothing(world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a)
    api = token_client(world.editor)
    url = f"/api/v1/innovations/{innovation.pk}/"
    etag = api.get(url)["ETag"]
    response = api.patch(url, {"title": "baru\x00", "kebaruan": "ubah"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 400
    innovation.refresh_from_db()
    assert innovation.kebaruan != "ubah" and innovation.version == 1 or innovation.kebaruan != "ubah"


@pytest.mark.parametrize("header", ["Token \x00", "Token " + "a" * 10_000, "Token a.b.c", "Token é.é", "Bearer x"])
def test_api_hostile_authorization_headers_are_401_or_anonymous(world, header):
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=header)
    assert api.get("/api/v1/innovations/").status_code in (200, 401)


BEYOND_AN_ID = ("99999999999999999999", "-99999999999999999999", "9223372036854775808")


def _filter_names():
    from jipp.api_router import router

    for prefix, viewset, _basename in router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        for name in (list(filterset.base_filters) if filterset else []) + ["id", "page", "limit"]:
            yield f"/api/v1/{prefix}/", name


def test_an_integer_beyond_any_id_is_no_server_error_in_any_filter(client, world):
    """SQLite cannot take such a number at all (OverflowError): every filter of the API and the list
    pages must answer it with 200, 400 or 404."""
    from innovations.filtersets.innovation import InnovationFilterSet, ReplicationFilterSet
    from stories.filtersets import ImpactStoryFilterSet

    api = token_client(world.staff)
    client.force_login(world.staff)
    addresses = list(_filter_names())
    for page, filterset in (
        ("/innovations/", InnovationFilterSet),
        ("/stories/", ImpactStoryFilterSet),
        ("/innovations/replications/", ReplicationFilterSet),
    ):
        addresses += [(page, name) for name in [*filterset.base_filters, "page"]]
    assert len(addresses) > 60
    failures = []
    for path, name in addresses:
        for value in BEYOND_AN_ID:
            caller = api if path.startswith("/api/") else client
            status = caller.get(path, {name: value}).status_code
            if status not in (200, 400, 404):
                failures.append((path, name, value, status))
    assert not failures


def test_deeply_nested_json_is_a_parse_error_not_a_server_error(world):
    api = token_client(world.editor)
    for depth in (40, 1000, 100_000):
        body = "[" * depth + "]" * depth
        response = api.post("/api/v1/innovations/", body, content_type="application/json")
        assert response.status_code == 400, depth
        assert response.json()["error"]["code"] == "parse_error"
    nested = {"a": 1}
    for _ in range(10):
        nested = {"n": nested}
    # Ordinary nesting still reaches the serializer, which names the missing fields.
    response = api.post("/api/v1/innovations/", {"params": nested}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"
