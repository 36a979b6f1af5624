"""The shared cache (Redis) down: every page is computed without it, /healthz says so, fast.

In-process tests: the cache is django-redis as configured from CACHE_URL (jipp.settings.base), pointed
at a closed port (refused), at a real redis-server frozen with SIGSTOP (a host that accepts and never
answers), or at a real redis-server that disappears and comes back. The whole-system test, with a real
server process and worker, is test_redis_outage.py.
"""

import time

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from innovations.models import Innovation
from jipp import cache as jipp_cache
from jipp.breaker import cache_breaker
from jipp.cache import redis_cache_options
from tests.factories.innovations import eligible
from tests.factories.stories import ImpactStoryFactory, ProgrammeFactory
from tests.redis_server import free_port, redis_server_or_skip
from tests.security.test_faults import redis_down  # noqa: F401 — the broker on a closed port too

pytestmark = pytest.mark.django_db

PAGES = ["/", "/hubs/", "/hubs/perpusnas/", "/innovations/", "/stories/", "/tpbis/", "/api/v1/innovations/"]


def _redis_cache(settings, location: str) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": redis_cache_options(location, connect_timeout=0.5, timeout=1.0),
        },
        "uncached": settings.CACHES["uncached"],
    }


@pytest.fixture
def cache_down(settings):
    """The cache configured on Redis at a port where nothing listens."""
    _redis_cache(settings, f"redis://127.0.0.1:{free_port()}/0")


@pytest.fixture
def content(world):
    ProgrammeFactory(tpbis=True)  # /tpbis/ and the Perpusnas hub
    eligible(institution=world.coached_a, hub=world.hub_a, status="published", title="Inovasi Saat Redis Mati")
    return world


def _get(client, path):
    client = APIClient() if path.startswith("/api/") else client
    return client.get(path)


@pytest.mark.parametrize("path", PAGES)
def test_with_the_cache_down_every_page_answers_200(client, content, cache_down, redis_down, path):  # noqa: F811
    """Before the fix these answered 500: redis.exceptions.ConnectionError from the cache."""
    response = _get(client, path)
    assert response.status_code == 200, (path, response.content[:300])


def test_with_the_cache_down_signed_in_pages_answer_200(client, content, cache_down):
    client.force_login(content.admin)
    for path in ["/", "/hubs/", "/innovations/", "/stories/", "/reports/"]:
        assert client.get(path).status_code == 200, path


def test_with_the_cache_down_healthz_is_fast_200_and_says_what_is_down(client, content, cache_down, redis_down):  # noqa: F811
    """Readiness holds (the database answers, pages work) but says degraded, and names cache and broker."""
    started = time.monotonic()
    response = client.get("/healthz")
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "up", "cache": "down", "broker": "down"}
    assert elapsed < 1.0, elapsed
    assert client.get("/healthz/live").json() == {"status": "ok"}


@pytest.fixture
def redis_cache(settings):
    server = redis_server_or_skip()
    _redis_cache(settings, server.url())
    yield server
    server.resume()  # a frozen process cannot be killed cleanly
    server.stop()


def test_with_redis_hung_healthz_answers_within_a_second_and_pages_do_not_wait_per_cache_call(
    client, content, redis_cache
):
    """A Redis that accepts connections and never answers: the first cache call waits its timeout, the
    breaker opens, and the next requests do not wait at all."""
    assert client.get("/healthz").json()["cache"] == "up"
    redis_cache.pause()
    started = time.monotonic()
    health = client.get("/healthz")
    assert time.monotonic() - started < 1.0
    assert health.status_code == 200 and health.json()["cache"] == "down"
    assert client.get("/innovations/").status_code == 200
    started = time.monotonic()
    for path in PAGES:
        assert _get(client, path).status_code == 200, path
    assert time.monotonic() - started < 3.0  # without the breaker: a second per cache call, dozens of calls


def test_a_generation_move_lost_during_an_outage_is_made_up_when_redis_is_back(client, content, redis_cache):
    """Redis frozen (its data kept) while a row changes: the increment is lost; when Redis answers again
    the cached page from before the outage must not be served."""
    innovation = Innovation.objects.get(title="Inovasi Saat Redis Mati")
    assert "Inovasi Saat Redis Mati" in client.get("/innovations/").content.decode()  # cached now
    before = jipp_cache.generation()
    redis_cache.pause()
    cache_breaker.cooldown = 0.2
    try:
        Innovation.objects.filter(pk=innovation.pk).update(title="Judul Selama Gangguan")
        jipp_cache.content_changed()  # lost: Redis does not answer
        assert cache_breaker.is_down
        redis_cache.resume()
        time.sleep(0.3)
        page = client.get("/innovations/").content.decode()
    finally:
        cache_breaker.cooldown = 5.0
    assert "Judul Selama Gangguan" in page
    assert jipp_cache.generation() > before


def test_a_generation_that_restarts_starts_above_every_value_it_held(redis_cache):
    """Redis restarted empty (or the key evicted): the counter starts from the clock, never from 1."""
    jipp_cache.content_changed()
    first = jipp_cache.generation()
    cache.delete(jipp_cache.GENERATION_KEY)
    assert jipp_cache.generation() > first


def test_story_pages_answer_with_the_cache_down(client, content, cache_down):
    story = ImpactStoryFactory()  # published
    assert client.get(f"/stories/{story.slug}/").status_code == 200
    assert APIClient().get("/api/v1/stories/").status_code == 200
