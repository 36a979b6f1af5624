"""The shared cache on Redis, which the pages can do without.

django-redis (`IGNORE_EXCEPTIONS`) turns an unreachable Redis into a miss for reads and a no-op for
writes; every cached value here (jipp.querycache, jipp.pagecache, hubs.dashboard) is recomputed from
the database on a miss, so a Redis outage costs speed, never a page. The connection class below adds
the circuit breaker (jipp.breaker): with Redis unreachable each request would otherwise wait the
connect timeout on every cache call.
"""

from urllib.parse import urlsplit

from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .breaker import cache_breaker


class BreakerConnection(Connection):
    """A Redis connection that fails at once while the cache breaker is open."""

    def connect_check_health(self, *args, **kwargs):
        if self._sock is None and not cache_breaker.allow():
            raise RedisConnectionError("cache breaker open: Redis was unreachable a moment ago")
        try:
            super().connect_check_health(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError, OSError) as exc:
            cache_breaker.failure(exc)
            raise

    def send_packed_command(self, *args, **kwargs):
        try:
            return super().send_packed_command(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as exc:
            cache_breaker.failure(exc)
            raise

    def read_response(self, *args, **kwargs):
        try:
            response = super().read_response(*args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as exc:
            cache_breaker.failure(exc)  # a hung server times out here, not on connect
            raise
        cache_breaker.success()
        return response


def redis_cache_options(location: str, *, connect_timeout: float, timeout: float) -> dict:
    """django-redis OPTIONS for a cache that degrades to none: short timeouts, errors ignored, and the
    breaker's connection class (plain TCP only: a rediss:// URL keeps redis-py's TLS connection)."""
    options = {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": connect_timeout,
        "SOCKET_TIMEOUT": timeout,
    }
    if urlsplit(location).scheme == "redis":
        options["CONNECTION_POOL_KWARGS"] = {"connection_class": BreakerConnection}
    return options


def cache_status() -> str:
    """'up' or 'down' for a shared cache, 'local' for the per-process memory cache."""
    from django.conf import settings
    from django.core.cache import cache

    if "django_redis" not in settings.CACHES["default"]["BACKEND"]:
        return "local"
    if not cache_breaker.allow():
        return "down"
    try:
        cache.client.get_client(write=True).ping()
    except Exception:  # any failure to reach Redis means "down"; the breaker has recorded it
        return "down"
    return "up"
