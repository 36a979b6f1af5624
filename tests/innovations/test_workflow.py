"""The review workflow through the services: valid and invalid transitions, and each eligibility gate."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from innovations.models import SDG, InnovationSDG, ReviewEvent
from innovations.services import innovation as services
from jipp.exceptions import VersionConflict
from tests.factories.innovations import InnovationFactory, eligible


@pytest.fixture
def draft(world):
    return eligible(institution=world.coached_a, hub=world.hub_a)


def _error_fields(exc: ValidationError) -> set[str]:
    return set(exc.message_dict)


def test_submit_records_event_and_moves_to_submitted(world, draft):
    """Submitting an eligible draft sets status, submitted_at, bumps the version and records who did it."""
    result = services.innovation_submit(innovation=draft, user=world.admin)
    assert result.status == "submitted"
    assert result.submitted_at is not None
    assert result.version == draft.version + 1
    event = ReviewEvent.objects.get(object_id=draft.pk)
    assert (event.actor, event.from_status, event.to_status) == (world.admin, "draft", "submitted")


@pytest.mark.parametrize(
    ("start", "action", "end"),
    [
        ("submitted", "start_review", "in_review"),
        ("submitted", "publish", "published"),
        ("in_review", "publish", "published"),
        ("submitted", "request_revision", "revision_requested"),
        ("in_review", "request_revision", "revision_requested"),
        ("submitted", "reject", "rejected"),
        ("in_review", "reject", "rejected"),
    ],
)
def test_each_valid_review_transition(world, start, action, end):
    """Every review action allowed from its source states reaches its target state."""
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, status=start)
    result = services.innovation_transition(innovation=innovation, user=world.staff, action=action, comment="Catatan")
    assert result.status == end
    assert ReviewEvent.objects.filter(object_id=innovation.pk, from_status=start, to_status=end).exists()


def test_resubmit_after_revision(world):
    """A revision-requested innovation can be submitted again by the hub admin."""
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, status="revision_requested")
    assert services.innovation_submit(innovation=innovation, user=world.admin).status == "submitted"


@pytest.mark.parametrize(
    ("start", "action"),
    [
        ("draft", "publish"),
        ("draft", "start_review"),
        ("published", "reject"),
        ("rejected", "publish"),
        ("in_review", "start_review"),
        ("published", "request_revision"),
    ],
)
def test_invalid_transitions_are_refused_with_a_message(world, start, action):
    """An action not allowed from the current status raises a clear ValidationError and changes nothing."""
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, status=start)
    with pytest.raises(ValidationError) as exc:
        services.innovation_transition(innovation=innovation, user=world.staff, action=action, comment="x")
    assert exc.value.code == "invalid_transition"
    assert "Tidak dapat" in exc.value.messages[0]
    innovation.refresh_from_db()
    assert innovation.status == start
    assert not ReviewEvent.objects.exists()


def test_submit_twice_is_refused(world, draft):
    services.innovation_submit(innovation=draft, user=world.admin)
    with pytest.raises(ValidationError):
        services.innovation_submit(innovation=draft, user=world.admin)


@pytest.mark.parametrize("action", ["request_revision", "reject"])
def test_revision_and_rejection_need_a_comment(world, action):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, status="submitted")
    with pytest.raises(ValidationError) as exc:
        services.innovation_transition(innovation=innovation, user=world.staff, action=action, comment="  ")
    assert "comment" in exc.value.message_dict


def test_unknown_action_is_refused(world, draft):
    with pytest.raises(ValidationError):
        services.innovation_transition(innovation=draft, user=world.staff, action="approve_everything")


def test_editor_may_not_submit_and_staff_may_not_submit(world, draft):
    for user in (world.editor, world.staff, world.other):
        with pytest.raises(PermissionDenied):
            services.innovation_submit(innovation=draft, user=user)


def test_admin_may_not_publish(world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, status="submitted")
    with pytest.raises(PermissionDenied):
        services.innovation_transition(innovation=innovation, user=world.admin, action="publish")


# --- eligibility gates ------------------------------------------------------------------------


@pytest.mark.parametrize("aspect", services.ASPECT_FIELDS)
def test_gate_every_aspect_filled(world, aspect):
    """An empty aspect blocks submission with an error on that aspect's field."""
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, **{aspect: "   "})
    with pytest.raises(ValidationError) as exc:
        services.innovation_submit(innovation=innovation, user=world.admin)
    assert _error_fields(exc.value) == {aspect}


def test_gate_ringkasan_at_most_200_words(world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, ringkasan=" ".join(["kata"] * 201))
    with pytest.raises(ValidationError) as exc:
        services.innovation_submit(innovation=innovation, user=world.admin)
    assert _error_fields(exc.value) == {"ringkasan"}
    innovation.ringkasan = " ".join(["kata"] * 200)
    innovation.save()
    assert services.innovation_submit(innovation=innovation, user=world.admin).status == "submitted"


def test_gate_at_least_one_sdg(world):
    innovation = InnovationFactory(institution=world.coached_a, hub=world.hub_a)
    with pytest.raises(ValidationError) as exc:
        services.innovation_submit(innovation=innovation, user=world.admin)
    assert _error_fields(exc.value) == {"sdgs"}


def test_gate_implementation_one_year(world):
    today = datetime.date.today()
    innovation = eligible(
        institution=world.coached_a, hub=world.hub_a, implementation_started_on=today - datetime.timedelta(days=300)
    )
    with pytest.raises(ValidationError) as exc:
        services.innovation_submit(innovation=innovation, user=world.admin)
    assert _error_fields(exc.value) == {"implementation_started_on"}


def test_gate_replication_group_needs_six_months_only(world):
    today = datetime.date.today()
    started = today - datetime.timedelta(days=200)
    innovation = eligible(
        institution=world.coached_a, hub=world.hub_a, group="replikasi", implementation_started_on=started
    )
    assert services.innovation_submit(innovation=innovation, user=world.admin).status == "submitted"
    too_new = eligible(
        institution=world.coached_a,
        hub=world.hub_a,
        group="replikasi",
        implementation_started_on=today - datetime.timedelta(days=150),
    )
    with pytest.raises(ValidationError) as exc:
        services.innovation_submit(innovation=too_new, user=world.admin)
    assert _error_fields(exc.value) == {"implementation_started_on"}


def test_gate_missing_start_date(world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, implementation_started_on=None)
    with pytest.raises(ValidationError) as exc:
        services.innovation_submit(innovation=innovation, user=world.admin)
    assert _error_fields(exc.value) == {"implementation_started_on"}


def test_gate_same_title_same_institution_ignoring_case_and_spacing(world):
    InnovationFactory(institution=world.coached_a, hub=world.hub_a, title="Layanan  Antar Jemput KTP")
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, title="layanan antar   jemput ktp ")
    with pytest.raises(ValidationError) as exc:
        services.innovation_submit(innovation=innovation, user=world.admin)
    assert _error_fields(exc.value) == {"title"}


def test_same_title_in_another_institution_is_fine(world):
    InnovationFactory(institution=world.hub_a, hub=world.hub_a, title="Layanan Antar Jemput KTP")
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, title="Layanan Antar Jemput KTP")
    assert services.innovation_submit(innovation=innovation, user=world.admin).status == "submitted"


def test_all_failed_gates_are_reported_together(world):
    innovation = InnovationFactory(
        institution=world.coached_a, hub=world.hub_a, kebaruan="", implementation_started_on=None
    )
    with pytest.raises(ValidationError) as exc:
        services.innovation_submit(innovation=innovation, user=world.admin)
    assert _error_fields(exc.value) == {"kebaruan", "sdgs", "implementation_started_on"}


def test_add_months_clamps_to_month_end():
    assert services.add_months(datetime.date(2024, 8, 31), 6) == datetime.date(2025, 2, 28)
    assert services.add_months(datetime.date(2023, 8, 31), 6) == datetime.date(2024, 2, 29)
    assert services.add_months(datetime.date(2024, 1, 15), 12) == datetime.date(2025, 1, 15)


# --- create and update ------------------------------------------------------------------------


def test_create_requires_membership_and_network(world):
    data = {"hub": world.hub_a, "institution": world.coached_a, "title": "Inovasi Baru"}
    with pytest.raises(PermissionDenied):
        services.innovation_create(user=world.other, data=data)
    with pytest.raises(ValidationError) as exc:
        services.innovation_create(user=world.editor, data={**data, "institution": world.coached_b})
    assert "institution" in exc.value.message_dict
    created = services.innovation_create(
        user=world.editor,
        data={**data, "sdg_links": [{"sdg": SDG.objects.get(number=3), "relevance": "Kesehatan"}]},
    )
    assert created.status == "draft"
    assert created.created_by == world.editor
    assert list(created.sdg_links.values_list("sdg__number", "relevance")) == [(3, "Kesehatan")]


def test_slug_is_unique_and_never_shadows_a_fixed_path(world):
    a = services.innovation_create(
        user=world.admin, data={"hub": world.hub_a, "institution": world.hub_a, "title": "Lapor"}
    )
    b = services.innovation_create(
        user=world.admin, data={"hub": world.hub_a, "institution": world.coached_a, "title": "Lapor"}
    )
    c = services.innovation_create(
        user=world.admin, data={"hub": world.hub_a, "institution": world.hub_a, "title": "Review"}
    )
    assert (a.slug, b.slug) == ("lapor", "lapor-2")
    assert c.slug != "review"


def test_published_innovation_stays_published_when_edited(world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, status="published")
    updated = services.innovation_update(innovation=innovation, user=world.admin, data={"kebaruan": "Lebih baru"})
    assert updated.status == "published"
    assert updated.kebaruan == "Lebih baru"
    assert updated.version == innovation.version + 1


def test_update_with_stale_version_raises_conflict(world, draft):
    services.innovation_update(innovation=draft, user=world.admin, data={"kebaruan": "A"}, expected_version=1)
    with pytest.raises(VersionConflict) as exc:
        services.innovation_update(innovation=draft, user=world.editor, data={"kebaruan": "B"}, expected_version=1)
    assert exc.value.current_version == 2


def test_submitted_innovation_cannot_be_edited(world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, status="submitted")
    with pytest.raises(PermissionDenied):
        services.innovation_update(innovation=innovation, user=world.admin, data={"kebaruan": "x"})


def test_awards_replace_and_validate(world, draft):
    services.innovation_update(
        innovation=draft, user=world.admin, data={"awards": [{"kind": "kipp_top99", "year": 2023, "name": ""}]}
    )
    assert list(draft.awards.values_list("kind", "year")) == [("kipp_top99", 2023)]
    with pytest.raises(ValidationError) as exc:
        services.innovation_update(
            innovation=draft, user=world.admin, data={"awards": [{"kind": "pkri", "year": 2010}]}
        )
    assert "awards" in exc.value.message_dict
    assert InnovationSDG.objects.filter(innovation=draft).count() == 1
