"""The OpenAPI 3 schema validates, documents every operation's errors, and the docs work offline."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_generates_and_validates_without_warnings(tmp_path):
    """`spectacular --validate --fail-on-warn` checks the schema against the OpenAPI 3 meta-schema."""
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert out.read_text().startswith("openapi: 3")


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_every_operation_documents_its_errors_and_a_summary(schema):
    for path, item in schema["paths"].items():
        for method, op in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            assert op.get("summary"), (method, path)
            for code in ("400", "401", "403", "404", "429"):
                assert op["responses"][code]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/Error"
                }, (method, path, code)
            if method in {"put", "patch"}:
                assert "412" in op["responses"]
                assert any(p["name"] == "If-Match" and p["in"] == "header" for p in op["parameters"])


def test_detail_reads_document_etag_and_304(schema):
    op = schema["paths"]["/api/v1/innovations/{id}/"]["get"]
    assert "304" in op["responses"]
    assert "ETag" in op["responses"]["200"]["headers"]
    assert any(p["name"] == "If-None-Match" for p in op["parameters"])


def test_token_scheme_is_documented(schema):
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "Authorization"}


def test_workflow_actions_are_documented(schema):
    for action in ("submit", "start-review", "request-revision", "publish", "reject"):
        assert "post" in schema["paths"][f"/api/v1/innovations/{{id}}/{action}/"]


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_only_local_assets(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    external = [u for u in re.findall(r'(?:src|href)="([^"]+)"', html) if u.startswith(("http:", "https:", "//"))]
    assert external == []
    assert "/static/drf_spectacular_sidecar/" in html


def test_operation_descriptions_are_written_for_api_users(schema):
    """A mixin's docstring (notes for developers on caching, ETags) never becomes an operation's description."""
    for path, item in schema["paths"].items():
        for method, op in item.items():
            description = op.get("description", "")
            assert "mixin" not in description.lower(), (method, path)
            assert "jipp." not in description, (method, path)


def test_api_description_points_at_the_portal_not_the_repository(schema):
    description = schema["info"]["description"]
    assert "docs/api.md" not in description
    assert "(/api/v1/)" in description and "(/accounts/tokens/)" in description


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_lead_back_to_the_portal(client, url):
    html = client.get(url).content.decode()
    assert 'class="api-docs-bar"' in html
    assert 'href="/"' in html and 'href="/api/v1/"' in html and 'href="/accounts/tokens/"' in html
