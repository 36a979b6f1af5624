"""Property-based tests (Hypothesis) on the services: no crash beyond the documented errors, invariants hold.

- workflow: any sequence of (user, action, comment) only moves a record along the ACTIONS table, by a
  user allowed to; a refused step changes nothing; each accepted step bumps the version by exactly
  one and records exactly one ReviewEvent; the eligibility gates always run on submit;
- innovation_update: any text in any content field is stored whole or refused with ValidationError,
  status never changes through it, and a stale version is always a conflict;
- consent masking: whatever the name, consents, erasure and viewer, someone who may not see personal
  data never sees the name unless it is consented, nor the personal fields.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innovations.models import Innovation, ReviewEvent
from innovations.services import innovation as services
from innovations.workflow import ACTIONS
from jipp import permissions
from jipp.exceptions import VersionConflict
from stories import privacy
from tests.factories.hubs import UserFactory
from tests.factories.innovations import InnovationFactory
from tests.factories.innovations import eligible as eligible_innovation
from tests.factories.stories import ImpactStoryFactory

# Function-scoped fixtures (the database) are shared by a test's examples on purpose: each example
# builds its own rows, so nothing leaks between them that an invariant depends on.
HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
ROLES = ["anonymous", "other_hub_member", "editor", "admin", "staff"]
ACTION_NAMES = [*ACTIONS, "delete", "", "publish\x00", "PUBLISH"]

# Text as users type it: any Unicode except surrogates, with the odd control character and NUL.
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


@pytest.mark.django_db
@HYPOTHESIS
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(ROLES), st.sampled_from(ACTION_NAMES), st.sampled_from(["", "  ", "Perbaiki."])),
        min_size=1,
        max_size=8,
    ),
    eligible=st.booleans(),
)
def test_workflow_moves_only_along_the_table(world, steps, eligible):
    innovation = (eligible_innovation if eligible else InnovationFactory)(institution=world.coached_a, hub=world.hub_a)
    for role, action, comment in steps:
        user = world.user(role)
        before = Innovation.objects.get(pk=innovation.pk)
        events_before = ReviewEvent.objects.count()
        try:
            if action == "submit":
                result = services.innovation_submit(innovation=before, user=user)
            else:
                result = services.innovation_transition(innovation=before, user=user, action=action, comment=comment)
        except (PermissionDenied, ValidationError):
            after = Innovation.objects.get(pk=innovation.pk)
            assert (after.status, after.version) == (before.status, before.version)
            assert ReviewEvent.objects.count() == events_before
            continue
        spec = ACTIONS[action]
        assert before.status in spec.sources
        assert spec.may(user, before)
        assert not spec.needs_comment or comment.strip()
        after = Innovation.objects.get(pk=innovation.pk)
        assert after.status == result.status == spec.target
        assert after.version == before.version + 1
        assert ReviewEvent.objects.count() == events_before + 1
        if action == "submit":
            assert eligible, "an innovation that fails the gates was submitted"


CONTENT_FIELDS = ["title", "ringkasan", "kebaruan", "title_en", "summary_en"]


@pytest.mark.django_db
@HYPOTHESIS
@given(field=st.sampled_from(CONTENT_FIELDS), value=any_text, stale=st.booleans())
def test_update_stores_whole_or_refuses_and_never_changes_status(world, field, value, stale):
    innovation = eligible_innovation(institution=world.coached_a, hub=world.hub_a)
    before = Innovation.objects.get(pk=innovation.pk)
    expected = before.version - 1 if stale else before.version
    try:
        services.innovation_update(innovation=before, user=world.editor, data={field: value}, expected_version=expected)
    except VersionConflict:
        assert stale
        after = Innovation.objects.get(pk=innovation.pk)
        assert (getattr(after, field), after.version) == (getattr(before, field), before.version)
        return
    except ValidationError:
        after = Innovation.objects.get(pk=innovation.pk)
        assert (getattr(after, field), after.version) == (getattr(before, field), before.version)
        return
    assert not stale, "a stale version was accepted"
    after = Innovation.objects.get(pk=innovation.pk)
    assert "\x00" not in getattr(after, field)
    assert after.status == before.status
    assert after.version > before.version


name_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60)


@pytest.mark.django_db
@HYPOTHESIS
@given(
    name=name_text,
    consent_name=st.booleans(),
    consent_photo=st.booleans(),
    erased=st.booleans(),
    viewer=st.sampled_from(["anonymous", "other_hub_member", "editor", "admin", "staff", "plain"]),
)
def test_consent_masking_never_leaks_an_unconsented_name(world, name, consent_name, consent_photo, erased, viewer):
    # An erased story holds no personal data (a database constraint), as story_erase_personal_data leaves it.
    erasure = {"beneficiary_name": "", "gender": "", "age_group": "", "has_disability": None}
    story = ImpactStoryFactory(
        programme__hub=world.hub_a,
        consent_name_public=consent_name,
        consent_photo_public=consent_photo,
        erased_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC) if erased else None,
        **(erasure if erased else {"beneficiary_name": name}),
    )
    user = UserFactory() if viewer == "plain" else world.user(viewer)
    personal = permissions.can_view_personal_data(user, story)
    public = privacy.story_public(story=story, user=user)
    shown = public.beneficiary_name
    if erased:
        assert shown == ""
    elif consent_name or personal:
        assert shown == name
    else:
        # Initials only: per word, its first letter upper-cased ("ß" becomes "SS") and a dot.
        parts = shown.split()
        assert len(parts) <= len(name.split())
        assert all(part.endswith(".") and len(part) <= 4 for part in parts)
        assert not any(w in shown for w in name.split() if len(w) > 3)
    row = public.row()
    if not personal:
        assert row["gender"] is None and row["age_group"] is None and row["has_disability"] is None
        # Erasure deletes the photos: none is visible after it, consent or not.
        assert row["photos_visible"] == (consent_photo and not erased)
    if isinstance(user, AnonymousUser) or viewer in ("plain", "other_hub_member"):
        assert not personal
