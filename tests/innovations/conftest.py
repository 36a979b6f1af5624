"""Fixtures of the innovations tests: the reference SDGs/categories and a small two-hub world."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser

from hubs.choices import MembershipRole
from hubs.services import SeedResult
from innovations.reference import innovations_reference_seed

from . import factories as f


@pytest.fixture
def sdgs(db):
    innovations_reference_seed(SeedResult())


@dataclass
class World:
    hub_a: object
    hub_b: object
    coached_a: object  # an institution in hub A's network (coached by it)
    coached_b: object
    editor: object  # editor of hub A
    admin: object  # admin of hub A
    other: object  # admin of hub B: a member of another hub
    staff: object  # ministry staff
    anonymous: object

    def user(self, role):
        return {
            "anonymous": self.anonymous,
            "other_hub_member": self.other,
            "editor": self.editor,
            "admin": self.admin,
            "staff": self.staff,
        }[role]


@pytest.fixture
def world(sdgs):
    return build_world()


def build_world() -> World:
    """Two hubs, one coached institution each, and one user per role (see World)."""
    hub_a = f.hub(name="Pemerintah Provinsi Uji A", acronym="PUA")
    hub_b = f.hub(name="Pemerintah Provinsi Uji B", acronym="PUB")
    return World(
        hub_a=hub_a,
        hub_b=hub_b,
        coached_a=f.InstitutionFactory(name="Pemerintah Kabupaten Uji A1", coaching_hub=hub_a),
        coached_b=f.InstitutionFactory(name="Pemerintah Kabupaten Uji B1", coaching_hub=hub_b),
        editor=f.member(hub_a, MembershipRole.EDITOR, username="editor_a"),
        admin=f.member(hub_a, MembershipRole.ADMIN, username="admin_a"),
        other=f.member(hub_b, MembershipRole.ADMIN, username="admin_b"),
        staff=f.staff_user(username="staf"),
        anonymous=AnonymousUser(),
    )


@pytest.fixture
def eager_celery():
    """Run tasks in-process even when CELERY_BROKER_URL points at Redis (the PostgreSQL pass sets it).

    The real-worker path is covered by the redis-marked test in test_notifications.py.
    """
    from jipp.celery_app import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = previous
