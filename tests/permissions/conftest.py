"""Fixtures of the permission-matrix tests: the shared world (tests/conftest.py) with a record of each
resource to act on, private storage per test, and the role -> user mapping of the matrix."""

import datetime

import pytest

from tests.factories.innovations import InnovationFactory, ReplicationFactory, eligible
from tests.factories.stories import ActivityTypeFactory, ImpactStoryFactory, ProgrammeFactory


@pytest.fixture(autouse=True)
def _isolated(settings, isolated_files, eager_celery):
    """Files in tmp; generous API throttles; tasks (imports) run in-process."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }


def user_of(world, role):
    """The user behind a matrix role (the read-only token is hub A's admin's)."""
    return {
        "anonymous": world.anonymous,
        "editor": world.editor,
        "admin": world.admin,
        "other_hub_admin": world.other,
        "staff": world.staff,
        "read_only_token": world.admin,
    }[role]


@pytest.fixture
def records(world):
    """What the matrix acts on, of hub A (drafts, published records, a replication) and of hub B."""
    programme = ProgrammeFactory(hub=world.hub_a, slug="program-a", name="Program Hub A")
    activity = ActivityTypeFactory()

    def story(**kwargs):
        return ImpactStoryFactory(programme=programme, province=world.province, activity_type=activity, **kwargs)

    published_innovation = eligible(
        institution=world.hub_a, hub=world.hub_a, title="Inovasi terbit hub A", status="published"
    )
    world.programme_a = programme
    world.activity = activity
    world.innovation_draft = eligible(institution=world.coached_a, hub=world.hub_a, title="Draf inovasi hub A")
    world.innovation_published = published_innovation
    world.innovation_draft_b = eligible(institution=world.hub_b, hub=world.hub_b, title="Draf inovasi hub B")
    world.story_draft = story(title="Draf kisah hub A", status="draft")
    world.story_published = story(title="Kisah terbit hub A", status="published")
    world.replication = ReplicationFactory(
        innovation=published_innovation,
        adopter=world.coached_a,
        facilitating_hub=world.hub_a,
        committed_on=datetime.date(2024, 5, 1),
    )
    # The innovation a new replication (create, import) is recorded for.
    world.innovation_to_replicate = InnovationFactory(
        institution=world.hub_b, hub=world.hub_b, title="Inovasi terbit hub B", status="published"
    )
    return world
