"""The API's table of expectations (tests/api/matrix.py) is the pages' (tests/innovations/matrix.py),
and that table matches the rules of hubs.permissions for a draft of hub A."""

import pytest

from jipp import permissions
from tests.api.matrix import ACTIONS, CELLS, ROLES, allowed
from tests.innovations import matrix as pages

pytestmark = pytest.mark.django_db


def test_api_matrix_is_the_pages_matrix():
    assert list(pages.ROLES) == ROLES
    assert list(pages.ACTIONS) == ACTIONS
    assert [(role, action, allowed(role, action)) for role, action in CELLS] == list(pages.CELLS)


def _rule(user, record, action, published=None):
    """The hubs.permissions predicate behind each action of the matrix."""
    return {
        "create": lambda: permissions.can_create_for_hub(user, record.hub_id),
        "view_draft": lambda: permissions.can_view(user, record),
        "edit": lambda: permissions.can_edit(user, record),
        "edit_published": lambda: permissions.can_edit(user, published),
        "submit": lambda: permissions.can_submit(user, record),
        "review": lambda: permissions.can_review(user, record),
        "publish": lambda: permissions.can_review(user, record),
        "record_replication": lambda: permissions.can_record_replication(user, record.hub_id),
    }[action]()


def test_the_table_matches_hubs_permissions(world):
    from django.contrib.auth.models import AnonymousUser

    users = {**world.users, "anonymous": AnonymousUser()}
    disagreements = [
        (role, action)
        for role, action in CELLS
        if _rule(users[role], world.draft_a, action, world.published_a) != allowed(role, action)
    ]
    assert disagreements == []
