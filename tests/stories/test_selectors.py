"""Reads: visibility per role, totals and the median of the income change."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from stories.models import ImpactStory
from stories.selectors import programme_indicators, stories_visible_to, story_for_detail, story_totals
from tests.factories.hubs import HubFactory
from tests.factories.stories import ImpactStoryFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def _story(programme, before, after, people=1, **kw):
    return ImpactStoryFactory(
        programme=programme, income_before=before, income_after=after, people_reached=people, **kw
    )


def test_totals_with_an_odd_number_of_income_pairs(programme):
    _story(programme, 100, 400, people=2)  # +300
    _story(programme, 1000, 900, people=3)  # -100
    _story(programme, 0, 50, people=5)  # +50
    totals = story_totals(ImpactStory.objects.all())
    assert totals == {"stories": 3, "people_reached": 10, "median_income_change": Decimal(50), "income_pairs": 3}


def test_median_of_an_even_count_is_the_mean_of_the_two_middle_changes(programme):
    for before, after in [(0, 100), (0, 200), (0, 301), (0, 1000)]:
        _story(programme, before, after)
    assert story_totals(ImpactStory.objects.all())["median_income_change"] == Decimal("250.5")


def test_stories_without_both_incomes_count_but_not_in_the_median(programme):
    _story(programme, None, 500, people=4)
    _story(programme, 200, None, people=6)
    _story(programme, 100, 300)
    totals = story_totals(ImpactStory.objects.all())
    assert totals["stories"] == 3 and totals["people_reached"] == 11
    assert totals["income_pairs"] == 1 and totals["median_income_change"] == Decimal(200)


def test_totals_of_nothing(programme):
    assert story_totals(ImpactStory.objects.none()) == {
        "stories": 0,
        "people_reached": 0,
        "median_income_change": None,
        "income_pairs": 0,
    }


def test_totals_follow_the_queryset_filter(programme):
    _story(programme, 0, 100, people=7, status="draft")
    _story(programme, 0, 300, people=1)
    totals = story_totals(ImpactStory.objects.filter(status="published"))
    assert (totals["stories"], totals["people_reached"], totals["median_income_change"]) == (1, 1, Decimal(300))


def test_visibility_per_role(programme, editor, other_member, staff):
    published = ImpactStoryFactory(programme=programme)
    draft = ImpactStoryFactory(programme=programme, status="draft")
    other_hub = HubFactory()
    other_draft = ImpactStoryFactory(programme=ProgrammeFactory(tpbis=True, slug="lain", hub=other_hub), status="draft")

    def visible(user):
        return set(stories_visible_to(user))

    assert visible(AnonymousUser()) == {published}
    assert visible(editor) == {published, draft}
    assert visible(other_member) == {published}
    assert visible(staff) == {published, draft, other_draft}
    assert story_for_detail(slug=draft.slug, user=AnonymousUser()) is None
    assert story_for_detail(slug=draft.slug, user=editor) == draft


def test_programme_indicators_prefetch_measurements(programme, django_assert_num_queries):
    import datetime

    from stories.models import Indicator, Measurement

    for i in range(3):
        ind = Indicator.objects.create(programme=programme, slug=f"i{i}", name=f"I{i}", unit="orang")
        Measurement.objects.create(indicator=ind, measured_on=datetime.date(2024, 1, 1), value=i)
    with django_assert_num_queries(2):
        rows = [(ind.slug, [m.value for m in ind.measurements.all()]) for ind in programme_indicators(programme)]
    assert [r[0] for r in rows] == ["i0", "i1", "i2"]


def test_innovation_indicators_belong_to_the_innovation(programme, hub):
    from innovations.models import Innovation
    from stories.models import Indicator
    from stories.selectors import innovation_indicators

    innovation = Innovation.objects.create(institution=hub, hub=hub, title="Inovasi", slug="inovasi")
    mine = Indicator.objects.create(innovation=innovation, slug="a", name="A", unit="orang")
    Indicator.objects.create(programme=programme, slug="a", name="B", unit="orang")
    assert list(innovation_indicators(innovation)) == [mine]
