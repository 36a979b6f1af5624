"""One rule, read two ways: `allows(user, action, obj)` and `Model.objects.restrict(user, action)` agree
for every content model, every action of its rules, every role and every status."""

import pytest

from innovations.choices import ReviewStatus
from innovations.models import Attachment, Innovation, Replication, ReplicationEvidence
from jipp import permissions
from stories.models import ImpactStory, StoryPhoto
from tests.factories.innovations import InnovationFactory, ReplicationFactory
from tests.factories.stories import ImpactStoryFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

ROLES = ["public", "anonymous", "editor", "admin", "other_hub_member", "staff"]


def _file_row(model, **owner):
    return model.objects.create(original_name="bukti.pdf", content_type="application/pdf", size=1, **owner)


@pytest.fixture
def records(world):
    """Records of hub A and hub B in every status, and the rows that hang off them."""
    programme_a = ProgrammeFactory(hub=world.hub_a, slug="program-uji-a")
    programme_b = ProgrammeFactory(hub=world.hub_b, slug="program-uji-b")
    rows = {model: [] for model in (Innovation, ImpactStory, Replication, Attachment, StoryPhoto, ReplicationEvidence)}
    for status in ReviewStatus.values:
        for hub, coached, programme in (
            (world.hub_a, world.coached_a, programme_a),
            (world.hub_b, world.coached_b, programme_b),
        ):
            innovation = InnovationFactory(institution=coached, hub=hub, status=status)
            story = ImpactStoryFactory(programme=programme, hub=hub, status=status)
            # Facilitated by the other hub, so that "either hub" and "the facilitating hub" differ.
            other_hub = world.hub_b if hub == world.hub_a else world.hub_a
            replication = ReplicationFactory(innovation=innovation, facilitating_hub=other_hub, adopter=coached)
            rows[Innovation].append(innovation)
            rows[ImpactStory].append(story)
            rows[Replication].append(replication)
            rows[Attachment].append(_file_row(Attachment, innovation=innovation, file="a.pdf"))
            rows[StoryPhoto].append(_file_row(StoryPhoto, story=story, image="p.jpg"))
            rows[ReplicationEvidence].append(_file_row(ReplicationEvidence, replication=replication, file="e.pdf"))
    return rows


def _user(world, role):
    return None if role == "public" else world.user(role)


def _cells(records):
    for model, objs in records.items():
        for action in model.restriction.rules:
            yield model, objs, action


@pytest.mark.parametrize("role", ROLES)
def test_restrict_and_allows_agree(world, records, role):
    user = _user(world, role)
    disagreements = []
    for model, objs, action in _cells(records):
        allowed = {obj.pk for obj in objs if permissions.allows(user, action, obj)}
        restricted = set(
            model.objects.restrict(user, action).filter(pk__in=[o.pk for o in objs]).values_list("pk", flat=True)
        )
        if allowed != restricted:
            disagreements.append((model.__name__, action, sorted(allowed ^ restricted)))
    assert disagreements == []


def test_the_public_sees_published_records_only(world, records):
    for model in (Innovation, ImpactStory):
        assert set(model.objects.restrict(None).values_list("status", flat=True)) == {"published"}
    assert set(Replication.objects.restrict(world.anonymous).values_list("innovation__status", flat=True)) == {
        "published"
    }


def test_members_see_their_hubs_drafts_and_staff_see_everything(world, records):
    editor_sees = Innovation.objects.restrict(world.editor)
    assert set(editor_sees.exclude(status="published").values_list("hub", flat=True)) == {world.hub_a.pk}
    assert Innovation.objects.restrict(world.staff).count() == Innovation.objects.count()


def test_replications_are_seen_by_both_hubs_and_changed_by_the_facilitating_one(world, records):
    draft_of_a = Replication.objects.get(innovation__hub=world.hub_a, innovation__status="draft")
    assert draft_of_a.facilitating_hub == world.hub_b
    assert permissions.can_view(world.editor, draft_of_a)  # its innovation's hub
    assert permissions.can_view(world.other, draft_of_a)  # the facilitating hub
    assert not permissions.can_edit_replication(world.admin, draft_of_a)
    assert permissions.can_edit_replication(world.other, draft_of_a)
    assert permissions.can_edit_replication(world.staff, draft_of_a)


def test_only_a_draft_never_reviewed_may_be_deleted_and_only_by_its_hub(world, records):
    deletable = Innovation.objects.restrict(world.editor, "delete")
    assert list(deletable.values_list("status", "hub")) == [("draft", world.hub_a.pk)]
    assert not Innovation.objects.restrict(world.staff, "delete").exists()


def test_restrict_is_an_in_list_beside_the_status_never_a_join(world, records):
    """A signed-in list stays narrow: the user's hubs are an IN list of ids on the row itself."""
    sql = str(Innovation.objects.restrict(world.editor).query).lower()
    assert "join" not in sql
    assert f"in ({world.hub_a.pk})" in sql
