"""jipp.slugs: one slug rule for every model with a unique slug."""

import pytest
from django.db import IntegrityError

from innovations.models import Innovation
from innovations.services.innovation import INNOVATION_SLUGS
from jipp.slugs import SUFFIX_ROOM, SlugRule
from tests.factories.innovations import InnovationFactory

RULE = SlugRule(Innovation, fallback="inovasi", reserved=frozenset({"new"}))


@pytest.fixture
def taken(db):
    def make(*slugs):
        for slug in slugs:
            InnovationFactory(slug=slug)

    return make


def test_a_free_base_is_the_slug(taken):
    assert RULE.unique("Layanan Antar Obat") == "layanan-antar-obat"


def test_collisions_get_the_first_free_suffix(taken):
    taken("lapor", "lapor-2", "lapor-4")
    assert RULE.unique("Lapor!") == "lapor-3"


def test_a_longer_slug_sharing_the_prefix_is_no_collision(taken):
    taken("lapor-cepat")
    assert RULE.unique("Lapor") == "lapor"


def test_renaming_a_row_may_keep_its_own_slug(taken):
    row = InnovationFactory(slug="lapor")
    assert RULE.unique("Lapor", exclude_pk=row.pk) == "lapor"


def test_a_long_text_leaves_room_for_the_suffix_within_the_field(taken):
    max_length = Innovation._meta.get_field("slug").max_length
    base = RULE.base("kata " * 200)
    assert len(base) <= max_length - SUFFIX_ROOM and not base.endswith("-")
    taken(base)
    slug = RULE.unique("kata " * 200)
    assert slug == f"{base}-2" and len(slug) <= max_length


def test_unicode_is_transliterated_to_ascii_and_a_text_without_letters_falls_back(taken):
    assert RULE.unique("Kopi Ñusantara Café") == "kopi-nusantara-cafe"
    assert RULE.unique("数字图书馆") == "inovasi"
    assert RULE.unique("") == "inovasi"


def test_a_reserved_path_word_gets_the_fallback_appended(taken):
    assert RULE.unique("New") == "new-inovasi"


def test_a_batch_gets_the_slugs_one_by_one_saving_would(taken):
    taken("lapor", "review")
    titles = ["Lapor", "Lapor", "Review", "Baru", "Baru"]
    assert INNOVATION_SLUGS.unique_many(titles) == ["lapor-2", "lapor-3", "review-inovasi", "baru", "baru-2"]


def test_save_recovers_when_a_concurrent_insert_took_the_chosen_slug(taken):
    innovation = InnovationFactory.build(slug="lapor")
    innovation.institution.save()
    taken("lapor")  # another request inserted "lapor" after this one chose it
    INNOVATION_SLUGS.save(innovation, "Lapor")
    innovation.refresh_from_db()
    assert innovation.slug == "lapor-2"


def test_save_raises_an_integrity_error_that_is_not_the_slug(taken):
    innovation = InnovationFactory()

    def failing_save():
        raise IntegrityError("another constraint")

    with pytest.raises(IntegrityError, match="another constraint"):
        INNOVATION_SLUGS.save(innovation, "Lain", save=failing_save)
