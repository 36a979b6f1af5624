"""The demo seed's records follow the workflow: dates in order, a submission date wherever the status
says the record was submitted, and some published innovations not verified for 12 months."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from innovations.models import Innovation
from stories.models import ImpactStory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, seeded):
    settings.JIPP_ALLOW_DEMO_DATA = True
    call_command("seed_demo", "--scale", "small", stdout=io.StringIO())


@pytest.mark.parametrize("model", [Innovation, ImpactStory])
def test_every_record_past_draft_has_a_submission_date_in_order(demo, model):
    rows = list(model.objects.filter(is_demo=True))
    assert rows and all(r.is_demo for r in rows)
    now = timezone.now()
    for r in rows:
        if r.status == "draft":
            assert r.submitted_at is None and r.published_at is None, r.slug
            continue
        assert r.submitted_at is not None, (r.slug, r.status)
        assert r.created_at <= r.submitted_at <= now, r.slug
        if r.status == "published":
            assert r.submitted_at <= r.published_at <= now, r.slug
        else:
            assert r.published_at is None, r.slug


def test_stories_are_recorded_after_they_happened(demo):
    for story in ImpactStory.objects.filter(is_demo=True).exclude(status="draft"):
        assert story.created_at.date() >= story.story_date or story.created_at.date() == timezone.localdate()


def test_the_review_queue_has_distinct_waiting_times(demo):
    waiting = Innovation.objects.filter(status__in=["submitted", "in_review"])
    dates = list(waiting.values_list("submitted_at", flat=True))
    assert len(dates) > 3 and None not in dates and len(set(dates)) == len(dates)


def test_most_but_not_all_published_innovations_are_verified_within_12_months(demo):
    published = list(Innovation.objects.filter(is_demo=True, status="published"))
    cutoff = timezone.localdate() - datetime.timedelta(days=365)
    fresh = [i for i in published if i.last_verified_on and i.last_verified_on >= cutoff]
    assert 0.5 * len(published) < len(fresh) < len(published)
    for i in published:
        if i.last_verified_on:
            assert i.published_at.date() <= i.last_verified_on <= timezone.localdate()
