"""Fixtures shared by the whole suite (pytest-django; settings jipp.settings.test, see pyproject.toml)."""

import pytest
from django.utils import translation

from hubs.services import reference_seed


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Indonesian).

    LocaleMiddleware activates the request's language in the thread and never deactivates it, so
    after a test client request in English, a later test that translates outside a request would
    otherwise see English.
    """
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def seeded(db):
    """The database as `seed_reference` leaves it: 38 provinces, 514 regencies, the sourced cohorts and hubs.

    Function-scoped on purpose (about 0.3 s): each test gets it fresh, and tests that need an empty
    registry are not affected by it.
    """
    return reference_seed()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language (Indonesian).

    A request through LocaleMiddleware leaves its language active in the thread, so without this a
    test that switched to English would change the messages later tests see.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the dashboard caches its figures, and a test's database
    rollback does not bump the cache version, so figures would otherwise leak into the next test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _closed_breakers():
    """Each test starts with the cache and broker breakers closed: a test that took Redis away must not
    make the next test's publishes or cache calls fail for the breaker's cool-down."""
    from jipp.breaker import broker_breaker, cache_breaker

    broker_breaker.reset()
    cache_breaker.reset()
    yield
    broker_breaker.reset()
    cache_breaker.reset()
