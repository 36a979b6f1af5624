"""A database migrated before the apps were split upgrades with `migrate` and keeps every row.

Django's migration executor takes the test database back to the last migrations before the split
(unapplying the split's own), rows are written with the models as they were then, and the split's
migrations are applied on top, as `migrate` does on a deployed database.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("hubs", "0006_security_event_kinds_published_change_reset"),
    ("innovations", "0010_importjob_on_job_framework"),
    ("reports", "0003_report_job_requester_scope"),
    # The apps made by the split, not yet migrated.
    ("jipp", None),
    ("stories", None),
    ("dataio", None),
]
AFTER = [
    ("jipp", "0002_content_types_follow_models"),
    ("hubs", "0007_tokens_and_audit_move_to_core"),
    ("stories", "0002_content_types_follow_models"),
    ("dataio", "0002_content_types_follow_models"),
    ("innovations", "0011_stories_and_imports_move_out"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1]]).apps


@pytest.fixture
def executor_restores_schema():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_database_from_before_the_split_upgrades_and_keeps_its_rows(executor_restores_schema):
    old = _migrate(BEFORE)
    User = old.get_model("auth", "User")
    ContentType = old.get_model("contenttypes", "ContentType")
    user = User.objects.create(username="lama")
    province = old.get_model("hubs", "Province").objects.create(code="99", name="Provinsi Lama")
    hub = old.get_model("hubs", "Institution").objects.create(
        name="Hub Lama", slug="hub-lama", kind="lembaga", province=province
    )
    programme = old.get_model("innovations", "Programme").objects.create(slug="prog-lama", name="Program", hub=hub)
    source = old.get_model("hubs", "Source").objects.create(key="sumber-lama", publisher="Penerbit")
    programme.sources.add(source)
    activity = old.get_model("innovations", "ActivityType").objects.create(slug="baca", name="Membaca")
    story = old.get_model("innovations", "ImpactStory").objects.create(
        activity_type=activity,
        programme=programme,
        hub=hub,
        title="Kisah lama",
        slug="kisah-lama",
        library_name="Perpustakaan",
        library_level="desa",
        province=province,
        narrative_before="sebelum",
        narrative_after="sesudah",
        story_date=datetime.date(2024, 1, 1),
    )
    story_type = ContentType.objects.get_or_create(app_label="innovations", model="impactstory")[0]
    old.get_model("innovations", "ReviewEvent").objects.create(
        content_type=story_type, object_id=story.pk, from_status="draft", to_status="submitted", actor=user
    )
    old.get_model("hubs", "ApiToken").objects.create(user=user, name="t", prefix="abc123", key_hash="0" * 64)
    old.get_model("hubs", "SecurityEvent").objects.create(kind="logout", user=user)
    old.get_model("innovations", "ImportJob").objects.create(
        kind="stories", original_name="a.xlsx", file_format="xlsx", uploaded_by=user
    )

    new = _migrate(AFTER)

    story = new.get_model("stories", "ImpactStory").objects.get(slug="kisah-lama")
    assert story.programme.sources.get().key == "sumber-lama"
    assert new.get_model("jipp", "ApiToken").objects.get().prefix == "abc123"
    assert new.get_model("jipp", "SecurityEvent").objects.get().kind == "logout"
    assert new.get_model("dataio", "ImportJob").objects.get().original_name == "a.xlsx"
    # The review event still points at the story: its content type moved with the model.
    event = new.get_model("innovations", "ReviewEvent").objects.get()
    assert (event.content_type.app_label, event.content_type.model, event.object_id) == (
        "stories",
        "impactstory",
        story.pk,
    )
    ContentType = new.get_model("contenttypes", "ContentType")
    assert not ContentType.objects.filter(app_label="innovations", model="impactstory").exists()
