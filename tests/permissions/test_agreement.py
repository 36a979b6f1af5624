"""The matrix (tests/permissions/matrix.py) says what jipp.permissions says, cell by cell."""

import pytest
from django.contrib.auth.models import AnonymousUser

from innovations.models import Replication
from jipp import permissions
from tests.permissions.conftest import user_of
from tests.permissions.matrix import ACTIONS, API_CELLS, NOT_APPLICABLE, PAGE_CELLS, READS, RESOURCES, TABLE

pytestmark = pytest.mark.django_db


def _rule(user, resource, action, world) -> bool:
    """The jipp.permissions predicate behind one action on one resource of hub A."""
    hub = world.hub_a.pk
    if resource == "replication":
        replication = world.replication

        return {
            "view": lambda: permissions.can_view(user, replication),
            "list": lambda: Replication.objects.restrict(user).filter(pk=replication.pk).exists(),
            "create": lambda: permissions.can_record_replication(user, hub),
            "edit": lambda: permissions.can_edit_replication(user, replication),
            "delete": lambda: False,  # no predicate: nobody deletes a replication
            "import": lambda: permissions.can_manage_hub(user, hub),
            "export": lambda: Replication.objects.restrict(user).filter(pk=replication.pk).exists(),
            "history": lambda: permissions.can_view_change_history(user, replication),
        }[action]()
    draft = getattr(world, f"{resource}_draft")
    published = getattr(world, f"{resource}_published")
    return {
        "view": lambda: permissions.can_view(user, draft),
        "list": lambda: permissions.can_view(user, draft),
        "create": lambda: permissions.can_create_for_hub(user, hub),
        "edit": lambda: permissions.can_edit(user, draft),
        "edit_published": lambda: permissions.can_edit(user, published),
        "delete": lambda: permissions.can_delete(user, draft),
        "submit": lambda: permissions.can_submit(user, draft),
        "review": lambda: permissions.can_review(user, draft),
        "publish": lambda: permissions.can_review(user, draft),
        "import": lambda: permissions.can_manage_hub(user, hub),
        "export": lambda: permissions.can_view(user, draft),
        "report": lambda: getattr(user, "is_authenticated", False) and permissions.can_view(user, draft),
        "history": lambda: permissions.can_view_change_history(user, draft),
    }[action]()


def test_the_table_matches_jipp_permissions(records):
    """Each cell is the predicate's answer for the role's user; a read-only token only reads."""
    world = records
    world.anonymous = AnonymousUser()
    disagreements = [
        (resource, action, role)
        for resource, action, role, allowed in {*PAGE_CELLS, *API_CELLS}
        if allowed
        != (_rule(user_of(world, role), resource, action, world) and (role != "read_only_token" or action in READS))
    ]
    assert disagreements == []


def test_every_action_of_every_resource_is_in_the_table_or_named_not_applicable():
    for resource in RESOURCES:
        given, left_out = set(TABLE[resource]), set(NOT_APPLICABLE.get(resource, {}))
        assert given | left_out == set(ACTIONS) and not given & left_out, resource
