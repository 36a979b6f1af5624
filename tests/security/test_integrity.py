"""Business invariants held by the database itself (CheckConstraint), whatever code writes the row."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from hubs.models import HubMembership, SecurityEvent
from innovations.models import ImpactStory, Innovation, Replication
from tests.innovations import factories as f
from tests.stories.factories import ImpactStoryFactory

pytestmark = pytest.mark.django_db


def refused(queryset, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**values)


def test_innovation_status_and_version(world):
    innovation = f.InnovationFactory(institution=world.coached_a, hub=world.hub_a)
    qs = Innovation.objects.filter(pk=innovation.pk)
    refused(qs, status="terbit-sendiri")
    refused(qs, version=0)


def test_replication_version(world):
    replication = f.ReplicationFactory(innovation__institution=world.coached_a, innovation__hub=world.hub_a)
    refused(Replication.objects.filter(pk=replication.pk), version=0)


def test_an_erased_story_cannot_hold_personal_data(world):
    story = ImpactStoryFactory(programme__hub=world.hub_a)
    qs = ImpactStory.objects.filter(pk=story.pk)
    now = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    refused(qs, erased_at=now)  # the name is still there
    qs.update(erased_at=now, beneficiary_name="", gender="", age_group="", has_disability=None)
    refused(qs, beneficiary_name="Siti")
    refused(qs, status="hilang")
    refused(qs, version=0)


def test_membership_role_and_security_event_kind(world):
    refused(HubMembership.objects.filter(user=world.admin), role="pemilik")
    SecurityEvent.objects.create(kind="logout")
    refused(SecurityEvent.objects.all(), kind="apa-saja")
