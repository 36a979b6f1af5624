"""Every API error has one JSON shape; bad input gives 4xx with the field and the reason, never a 500."""

import pytest

from tests.factories.innovations import ReplicationFactory

pytestmark = pytest.mark.django_db

SHAPE = {"code", "message", "fields"}


def error(response):
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == SHAPE
    return body["error"]


def test_missing_required_fields_name_each_field(world, client_for):
    response = client_for("editor").post("/api/v1/innovations/", {"ringkasan": "tanpa judul"}, format="json")
    assert response.status_code == 400
    err = error(response)
    assert err["code"] == "invalid"
    assert err["fields"]["title"][0]["code"] == "required"
    assert err["fields"]["hub"][0]["code"] == "required"
    assert err["fields"]["title"][0]["message"]


def test_wrong_types_and_unknown_choices_are_field_errors(world, client_for):
    response = client_for("editor").post(
        "/api/v1/innovations/",
        {"title": "X", "institution": "abc", "hub": 10**30, "stage": "nope", "sdgs": [{"sdg": 99}]},
        format="json",
    )
    assert response.status_code == 400
    fields = error(response)["fields"]
    assert fields["institution"][0]["code"] == "incorrect_type"
    assert fields["hub"][0]["code"] in {"does_not_exist", "incorrect_type"}
    assert fields["stage"][0]["code"] == "invalid_choice"
    assert fields["sdgs.0.sdg"][0]["code"] == "does_not_exist"


def test_malformed_json_is_a_parse_error(world, client_for):
    response = client_for("editor").generic(
        "POST", "/api/v1/innovations/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert error(response)["code"] == "parse_error"


def test_bad_filter_value_names_the_filter(world, anon):
    response = anon.get("/api/v1/hubs/", {"kind": "bukan-jenis"})
    assert response.status_code == 400
    assert "kind" in error(response)["fields"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/innovations/99999999999999999999999999/",
        "/api/v1/innovations/?hub=99999999999999999999999",
        "/api/v1/replications/?adopter=99999999999999999999999",
        "/api/v1/memberships/?hub=99999999999999999999999",
        "/api/v1/stories/?programme=99999999999999999999999",
        "/api/v1/innovations/?page=abc",
        "/api/v1/regencies/?cursor=garbage",
        "/api/v1/hubs/?year=notayear",
        "/api/v1/hubs/?page_size=-5",
        "/api/v1/indicators/?innovation=99999999999999999999999",
        "/api/v1/measurements/?indicator=-1",
        "/api/v1/institutions/?coaching_hub=1e99",
    ],
)
def test_odd_input_never_gives_a_server_error(world, anon, url):
    response = anon.get(url)
    assert response.status_code < 500
    if response.status_code >= 400:
        error(response)


def test_not_found_has_the_shape(world, anon):
    response = anon.get(f"/api/v1/innovations/{world.draft_b.pk}/")
    assert response.status_code == 404
    assert error(response)["code"] == "not_found"


def test_anonymous_write_gives_401_with_the_scheme(world, anon):
    response = anon.post("/api/v1/innovations/", {}, format="json")
    assert response.status_code == 401
    assert error(response)["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"


def test_method_not_allowed_has_the_shape(world, client_for):
    # Replications are never deleted: DELETE is not one of their methods.
    replication = ReplicationFactory(innovation=world.published_a, adopter=world.coached_b)
    response = client_for("staff").delete(f"/api/v1/replications/{replication.pk}/")
    assert response.status_code == 405
    assert error(response)["code"] == "method_not_allowed"


def test_unknown_field_selection_gives_400(world, anon):
    response = anon.get("/api/v1/hubs/", {"fields": "id,nope"})
    assert response.status_code == 400
    assert error(response)["fields"]["fields"][0]["code"] == "unknown_field"


def test_workflow_rule_keeps_its_code(world, client_for):
    """Publishing a draft is not a permission problem but an invalid transition (400, own code)."""
    response = client_for("staff").post(f"/api/v1/innovations/{world.draft_a.pk}/publish/", {}, format="json")
    assert response.status_code == 400
    assert error(response)["code"] == "invalid_transition"


def test_comment_required_is_a_field_error(world, client_for):
    world.draft_a.status = "submitted"
    world.draft_a.save()
    response = client_for("staff").post(f"/api/v1/innovations/{world.draft_a.pk}/reject/", {}, format="json")
    assert response.status_code == 400
    assert error(response)["fields"]["comment"][0]["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/innovations/?year=100000",
        "/api/v1/innovations/?year=0",
        "/api/v1/innovations/?year=2020.5",
        "/api/v1/replications/?year=-5",
        "/api/v1/innovations/?hub=99999999999999999999",
        "/api/v1/innovations/?sdg=99999999999999999999",
        "/api/v1/innovations/?province=%00",
        "/api/v1/stories/?programme=%00",
        "/api/v1/stories/?year=1e400",
    ],
)
def test_bad_filter_values_of_the_real_filtersets_give_400(world, client_for, url):
    """Out-of-range years, ids beyond any integer column and NUL bytes are invalid filters, not 500s."""
    response = client_for("staff").get(url)
    assert response.status_code == 400, (url, response.status_code)
    assert response.json()["error"]["code"] == "invalid"


def test_a_year_out_of_range_on_the_innovation_page_is_no_server_error(world, client):
    """The pages share the FilterSet: the same bad year leaves the page working (the filter is invalid)."""
    assert client.get("/innovations/?year=100000").status_code == 200
