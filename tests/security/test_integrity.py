"""Business invariants held by the database itself (CheckConstraint), whatever code writes the row.

Each refusal names the constraint that must refuse it (tests/constraints.py), so a write refused for
another reason does not pass for this one.
"""

import datetime

import pytest
from django.db import transaction

from hubs.models import HubMembership
from innovations.models import Innovation, Replication
from jipp.models import SecurityEvent
from stories.models import ImpactStory
from tests.constraints import violates
from tests.factories.innovations import InnovationFactory, ReplicationFactory
from tests.factories.stories import ImpactStoryFactory

pytestmark = pytest.mark.django_db


def refused(queryset, constraint, **values):
    """The update of `values` is refused by the database constraint named `constraint`, and by no other."""
    with violates(queryset.model, constraint), transaction.atomic():
        queryset.update(**values)


def test_innovation_status_and_version(world):
    innovation = InnovationFactory(institution=world.coached_a, hub=world.hub_a)
    qs = Innovation.objects.filter(pk=innovation.pk)
    refused(qs, "innovation_status_valid", status="terbit-sendiri")
    refused(qs, "innovation_version_positive", version=0)


def test_replication_version(world):
    replication = ReplicationFactory(innovation__institution=world.coached_a, innovation__hub=world.hub_a)
    refused(Replication.objects.filter(pk=replication.pk), "replication_version_positive", version=0)


def test_an_erased_story_cannot_hold_personal_data(world):
    story = ImpactStoryFactory(programme__hub=world.hub_a)
    qs = ImpactStory.objects.filter(pk=story.pk)
    now = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    refused(qs, "story_erased_has_no_personal_data", erased_at=now)  # the name is still there
    qs.update(erased_at=now, beneficiary_name="", gender="", age_group="", has_disability=None)
    refused(qs, "story_erased_has_no_personal_data", beneficiary_name="Siti")
    refused(qs, "story_status_valid", status="hilang")
    refused(qs, "story_version_positive", version=0)


def test_membership_role_and_security_event_kind(world):
    refused(HubMembership.objects.filter(user=world.admin), "membership_role_valid", role="pemilik")
    SecurityEvent.objects.create(kind="logout")
    refused(SecurityEvent.objects.all(), "securityevent_kind_valid", kind="apa-saja")
