"""Bulk creation for imports: innovations_bulk_create and replications_bulk_create give what the
single-row services give, row for row, in a few queries per batch instead of dozens per row."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from innovations.models import SDG, Innovation, Replication
from innovations.services import innovation as services
from jipp import cache
from jipp.exceptions import RowErrors
from tests.factories.innovations import InnovationFactory, ReplicationFactory, eligible


def _rows(world):
    sdg = {n: SDG.objects.get(number=n) for n in (3, 16)}
    common = {"hub": world.hub_a, "institution": world.coached_a}
    return [
        {**common, "title": "Lapor", "sdg_links": [{"sdg": sdg[16], "relevance": " Tata kelola "}]},
        {**common, "title": "Lapor", "stage": "penerapan", "sinovik_id": "SNV-1"},
        {**common, "title": "Review", "sdg_links": [{"sdg": sdg[3]}, {"sdg": sdg[16]}, {"sdg": sdg[3]}]},
        {**common, "title": "Lapor 2", "province": None, "jippnas_id": "JN-1"},
        {"hub": world.hub_a, "institution": world.hub_a, "title": "Baru", "ringkasan": "Ringkas."},
    ]


def _described(innovations) -> list:
    """What a saved innovation is, without its ids and times."""
    return [
        (
            i.title,
            i.slug,
            i.institution_id,
            i.hub_id,
            i.status,
            i.version,
            i.created_by_id,
            i.stage,
            i.sinovik_id,
            i.jippnas_id,
            sorted(i.sdg_links.values_list("sdg__number", "relevance")),
            list(i.history.values_list("history_type", "history_user_id", "title", "slug")),
        )
        for i in Innovation.objects.filter(pk__in=[i.pk for i in innovations]).order_by("pk")
    ]


def _rolled_back(make):
    with transaction.atomic():
        described = _described(make())
        transaction.set_rollback(True)
    return described


def test_bulk_create_gives_what_innovation_create_gives_row_after_row(world):
    """Same fields, slugs (taken, repeated and reserved titles), SDG links and history records."""
    InnovationFactory(institution=world.hub_b, hub=world.hub_b, title="Lapor", slug="lapor")
    rows = _rows(world)
    one_by_one = _rolled_back(lambda: [services.innovation_create(user=world.admin, data=row) for row in rows])
    in_bulk = _rolled_back(lambda: services.innovations_bulk_create(user=world.admin, rows=rows, batch_size=2))
    assert in_bulk == one_by_one
    assert [d[1] for d in in_bulk] == ["lapor-2", "lapor-3", "review-inovasi", "lapor-2-2", "baru"]


def _error_of(create):
    with pytest.raises((ValidationError, PermissionDenied)) as exc, transaction.atomic():
        create()
    return exc.value


def _same_error(a, b) -> bool:
    if isinstance(a, ValidationError) and isinstance(b, ValidationError):
        return a.message_dict == b.message_dict if hasattr(a, "error_dict") else a.messages == b.messages
    return type(a) is type(b) and str(a) == str(b)


def test_refused_rows_are_named_by_index_with_innovation_creates_error_and_nothing_is_written(world):
    InnovationFactory(institution=world.hub_b, hub=world.hub_b, title="Lain", sinovik_id="SNV-TAKEN")
    good = {"hub": world.hub_a, "institution": world.coached_a, "title": "Baik"}
    rows = [
        good,
        {**good, "title": "Panjang", "ringkasan": "kata " * 201},
        {**good, "title": "Jaringan lain", "institution": world.coached_b},
        {**good, "title": "Hub lain", "hub": world.hub_b, "institution": world.coached_b},
        {**good, "title": "SINOVIK terpakai", "sinovik_id": "SNV-TAKEN"},
        {**good, "title": "Dua kali", "sinovik_id": "SNV-2"},
        {**good, "title": "Kedua kalinya", "sinovik_id": "SNV-2"},
        {**good, "title": "Tautan", "video_url": "bukan tautan"},
        {**good, "title": "Nul\x00"},
        {**good, "title": ""},
    ]
    before = (Innovation.objects.count(), Innovation.history.count())
    with pytest.raises(RowErrors) as exc:
        services.innovations_bulk_create(user=world.editor, rows=rows)
    assert sorted(exc.value.errors) == [1, 2, 3, 4, 6, 7, 8, 9]
    assert (Innovation.objects.count(), Innovation.history.count()) == before

    # Each refusal is the one innovation_create gives that row, saved after the rows above it.
    with transaction.atomic():
        for index, row in enumerate(rows):
            if index in exc.value.errors:
                expected = _error_of(lambda row=row: services.innovation_create(user=world.editor, data=row))
                assert _same_error(exc.value.errors[index], expected), (index, exc.value.errors[index], expected)
            else:
                services.innovation_create(user=world.editor, data=row)
        transaction.set_rollback(True)


def test_a_row_the_database_refuses_is_named_by_the_single_row_service(world, monkeypatch):
    """What the batch's checks cannot see (here a SINOVIK ID taken after the check, as by another user)
    fails the batch's INSERT; the batch then goes row by row and only that row is refused."""
    InnovationFactory(institution=world.hub_b, hub=world.hub_b, title="Lain", sinovik_id="SNV-RACE")
    monkeypatch.setattr(services, "_innovation_keys_taken", lambda keys: set())
    good = {"hub": world.hub_a, "institution": world.coached_a}
    rows = [{**good, "title": "Satu"}, {**good, "title": "Dua", "sinovik_id": "SNV-RACE"}, {**good, "title": "Tiga"}]
    with pytest.raises(RowErrors) as exc:
        services.innovations_bulk_create(user=world.admin, rows=rows)
    assert list(exc.value.errors) == [1]
    assert isinstance(exc.value.errors[1], ValidationError)
    assert not Innovation.objects.filter(title__in=["Satu", "Tiga"]).exists()


def test_bulk_create_moves_the_content_generation_once_at_commit(world, django_capture_on_commit_callbacks):
    """bulk_create sends no post_save: the service moves the generation the signals would have moved."""
    before = cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        services.innovations_bulk_create(user=world.admin, rows=_rows(world))
    assert cache.generation() == before + 1


def test_bulk_create_costs_a_few_queries_per_batch_not_per_row(world, django_assert_max_num_queries):
    sdg = SDG.objects.get(number=16)
    rows = [
        {
            "hub": world.hub_a,
            "institution": world.coached_a,
            "title": f"Inovasi {n}",
            "sinovik_id": f"SNV-{n}",
            "sdg_links": [{"sdg": sdg}],
        }
        for n in range(300)
    ]
    # One batch: foreign keys (3 models), IDs, slugs, then the INSERTs, which SQLite splits by its
    # parameter limit (about 30 rows per INSERT): 300 rows one by one took about 30 queries each.
    with django_assert_max_num_queries(50):
        created = services.innovations_bulk_create(user=world.admin, rows=rows)
    assert len(created) == Innovation.history.filter(history_type="+").count() == 300


# --- replications --------------------------------------------------------------------------


@pytest.fixture
def sources(world):
    return [
        eligible(institution=world.hub_a, hub=world.hub_a, status="published", title=f"Sumber {n}") for n in range(3)
    ]


def test_replications_bulk_create_gives_what_replication_create_gives(world, sources):
    rows = [
        {"innovation": source, "adopter": world.coached_a, "facilitating_hub": world.hub_a, "stage": "komitmen"}
        for source in sources
    ]

    def described(made):
        return [
            (
                r.innovation_id,
                r.adopter_id,
                r.stage,
                r.created_by_id,
                r.version,
                list(r.history.values_list("history_type", "history_user_id")),
            )
            for r in Replication.objects.filter(pk__in=[r.pk for r in made]).order_by("pk")
        ]

    with transaction.atomic():
        one_by_one = described([services.replication_create(user=world.admin, data=row) for row in rows])
        transaction.set_rollback(True)
    with transaction.atomic():
        in_bulk = described(services.replications_bulk_create(user=world.admin, rows=rows))
        transaction.set_rollback(True)
    assert in_bulk == one_by_one


def test_replication_rows_refused_by_rule_pair_or_database_are_named_as_replication_create_names_them(world, sources):
    """A pair already recorded (a query per batch), a repeated pair, and dates the database's check
    constraint refuses (the batch's INSERT fails, then the rows go one by one)."""
    ReplicationFactory(innovation=sources[0], adopter=world.coached_a, facilitating_hub=world.hub_a)
    base = {"adopter": world.coached_a, "facilitating_hub": world.hub_a}
    rows = [
        {**base, "innovation": sources[0]},
        {**base, "innovation": sources[1]},
        {**base, "innovation": sources[1]},
        {
            **base,
            "innovation": sources[2],
            "committed_on": datetime.date(2024, 5, 1),
            "live_on": datetime.date(2024, 4, 1),
        },
        {**base, "innovation": sources[2], "adopter": world.hub_a},  # the owner itself
    ]
    with pytest.raises(RowErrors) as exc:
        services.replications_bulk_create(user=world.admin, rows=rows)
    assert sorted(exc.value.errors) == [0, 2, 3, 4]
    with transaction.atomic():
        for index, row in enumerate(rows):
            if index in exc.value.errors:
                expected = _error_of(lambda row=row: services.replication_create(user=world.admin, data=row))
                assert _same_error(exc.value.errors[index], expected), (index, exc.value.errors[index], expected)
            else:
                services.replication_create(user=world.admin, data=row)
        transaction.set_rollback(True)
    assert Replication.objects.count() == 1
