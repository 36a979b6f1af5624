"""Property-based tests against the live schema: no 5xx, and every response conforms to the schema.

Each operation gets a bounded number of generated requests (MAX_EXAMPLES), once anonymously and once
with a hub admin's token, so that writes reach the services. `?fields=` and `?brief=` are left out of
generation: they deliberately return fewer fields than the full schema (they have their own tests).
"""

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from jipp.wsgi import application
from tests.api.conftest import token_client

MAX_EXAMPLES = 6
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


# Loaded when the module is collected (the schema needs no database). Schemathesis' lazy
# `from_fixture` loader does not work with pytest 9 (it sets the removed `Node._nodeid`).
# The "coverage" phase would add hundreds of boundary cases per operation regardless of MAX_EXAMPLES;
# the bounded fuzzing (positive and negative data) and the schema's own examples are run.
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}})
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, config=CONFIG)


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Calls go straight to the WSGI app, which closes the connection at the end of each request (it is
    inside the test's transaction, so Django sees it as unusable); on PostgreSQL that would end the test's
    transaction. Django's own test client disconnects the same handlers."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def admin_headers(world):
    client = token_client(world.users["admin"])
    return {"Authorization": client._credentials["HTTP_AUTHORIZATION"]}


def _drop_selection(case):
    if case.query:
        case.query.pop("fields", None)
        case.query.pop("brief", None)


SETTINGS = hypothesis.settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(hypothesis.HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)


@pytest.mark.django_db
@schema.parametrize()
@SETTINGS
def test_anonymous_requests_conform(case, world):
    _drop_selection(case)
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@SETTINGS
def test_hub_admin_requests_conform(case, admin_headers):
    _drop_selection(case)
    case.call_and_validate(headers=admin_headers, checks=CHECKS)
