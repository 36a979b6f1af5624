"""The one content generation (jipp.cache): moved once per committed transaction that wrote content,
never by a rollback, by bulk writes too; counts, figures and pages cached under it are fresh after a write.

A test runs inside a transaction that never commits; `django_capture_on_commit_callbacks(execute=True)`
runs the commit callbacks of the transactions the test opens, as a real commit would."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from innovations.models import Innovation, InnovationSDG, Replication
from innovations.services import innovation as services
from jipp import cache
from jipp.models import ApiToken
from tests.factories.hubs import InstitutionFactory, ProvinceFactory
from tests.factories.innovations import InnovationFactory, ReplicationFactory, eligible

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def test_a_transaction_of_many_writes_moves_the_generation_once_at_its_commit(
    world, django_capture_on_commit_callbacks
):
    before = cache.generation()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        innovation = eligible(institution=world.hub_a, hub=world.hub_a)
        innovation.title = "Judul Kedua"
        innovation.save()
        ReplicationFactory(innovation=innovation)
        InnovationSDG.objects.filter(innovation=innovation).delete()
        assert cache.generation() == before  # nothing moves before the commit
    assert cache.generation() == before + 1


def test_a_rolled_back_transaction_moves_nothing(world, django_capture_on_commit_callbacks):
    before = cache.generation()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Rollback), transaction.atomic():
        eligible(institution=world.hub_a, hub=world.hub_a, title="Tidak Pernah Ada")
        raise Rollback
    assert not Innovation.objects.filter(title="Tidak Pernah Ada").exists()
    assert cache.generation() == before


def test_a_rolled_back_savepoint_leaves_the_move_of_the_writes_that_commit(world, django_capture_on_commit_callbacks):
    """The write inside the savepoint is undone, and so is its pending move; the transaction's own
    write still moves the generation, once."""
    before = cache.generation()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with pytest.raises(Rollback), transaction.atomic():
            eligible(institution=world.hub_a, hub=world.hub_a)
            raise Rollback
        assert cache.generation() == before
        eligible(institution=world.hub_b, hub=world.hub_b)
    assert cache.generation() == before + 1


def test_each_committed_transaction_moves_it_once(world, django_capture_on_commit_callbacks):
    innovation = eligible(institution=world.hub_a, hub=world.hub_a)
    before = cache.generation()
    for title in ("Satu", "Dua"):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            innovation.title = title
            innovation.save()
    assert cache.generation() == before + 2


def test_bulk_writes_move_it_once(world, django_capture_on_commit_callbacks):
    """bulk_create and QuerySet.update send no signal: their services call content_changed, once."""
    rows = [{"hub": world.hub_a, "institution": world.coached_a, "title": f"Massal {n}"} for n in range(3)]
    before = cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        services.innovations_bulk_create(user=world.admin, rows=rows)
    assert cache.generation() == before + 1


def test_a_row_no_cached_page_shows_moves_nothing(world, django_capture_on_commit_callbacks):
    """API tokens record their last use at every call: that must not throw away everything cached."""
    before = cache.generation()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        token = ApiToken.objects.create(user=world.editor, name="Skrip", prefix="cachetest", key_hash="0" * 64)
        token.last_used_at = timezone.now()
        token.save(update_fields=["last_used_at"])
    assert cache.generation() == before
    assert not cache.is_content_model(ApiToken) and cache.is_content_model(Replication)


def test_cached_figures_are_fresh_after_a_committed_write(world, django_capture_on_commit_callbacks):
    from dashboard import selectors as dashboard

    anonymous = world.anonymous
    assert dashboard.dashboard_figures(anonymous)["innovations_by_status"] == {}
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        InnovationFactory(institution=world.hub_a, status="published")
    assert dashboard.dashboard_figures(anonymous)["innovations_by_status"] == {"published": 1}


def test_a_count_filtered_through_a_join_equals_its_rows_right_after_a_write(
    client, world, django_capture_on_commit_callbacks
):
    """The replication list filtered by the adopter's province (a join): moving the adopter, a write to
    another table than the one counted, changes the count and the rows together."""
    province = ProvinceFactory(name="Provinsi Uji Gabungan")
    adopter = InstitutionFactory(name="Pemerintah Kabupaten Pengadopsi", coaching_hub=world.hub_a)
    ReplicationFactory(
        innovation=eligible(institution=world.hub_a, hub=world.hub_a, status="published"), adopter=adopter
    )
    client.force_login(world.editor)
    path = reverse("innovations:replication_list") + f"?province={province.pk}"

    def count_and_rows():
        response = client.get(path)
        assert response.status_code == 200
        return response.context["paginator"].count, len(response.context["page_obj"].object_list)

    assert count_and_rows() == (0, 0)  # the count is cached now
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        adopter.province = province
        adopter.save(update_fields=["province"])
    assert count_and_rows() == (1, 1)
    assert cache.cached_count(Replication.objects.filter(adopter__province=province)) == 1
