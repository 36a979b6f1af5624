"""The portal's one cache mechanism: Django's cache framework, every key varying on one content generation.

What is cached: public renderings (a template fragment through Django's `{% cache %}` tag, an API list
page's JSON), the dashboard figures, list counts and story totals. Each key carries the *content
generation*, one counter kept in the cache itself. Every transaction that wrote a content row moves it
once, when it commits (`content_changed`: signals call it for every save, delete and many-to-many change
of a content model; bulk writes, which send no signal, call it themselves). So a value is cached only
until the next committed write of any content row: a count and its rows, a page and its figures are
never out of step, whatever models a query joins. Writes are rare next to reads in a registry, so one
generation for all content keeps the rule simple and safe; timeouts only bound the memory used.

The generation moves at commit, not at the write: a request that reads the rows before the commit
caches them under the old generation, which the commit leaves behind; a rolled-back write moves nothing.
It must never come back to a value it held before, or values cached under it would be served again: it
starts from the clock (microseconds), not from 1, when its key is missing (Redis restarted empty, the
key evicted), and after a Redis outage, during which moves were lost, the first read moves it again.

The cache is Redis in production (shared by every worker), a per-process memory cache elsewhere.
django-redis (`IGNORE_EXCEPTIONS`) turns an unreachable Redis into a miss for reads and a no-op for
writes; every value here is recomputed from the database on a miss, so a Redis outage costs speed,
never a page. The connection class below adds the circuit breaker (jipp.breaker): with Redis
unreachable each request would otherwise wait the connect timeout on every cache call. Data is cached
only when every process shares the cache (`JIPP_SHARED_CACHE`, true with CACHE_URL): with per-process
memory caches, a write made by another process would not reach this process's copies.
"""

import datetime
import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from redis.connection import Connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from jipp.breaker import cache_breaker


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
    if "django_redis" not in settings.CACHES["default"]["BACKEND"]:
        return "local"
    if not cache_breaker.allow():
        return "down"
    try:
        cache.client.get_client(write=True).ping()
    except Exception:  # any failure to reach Redis means "down"; the breaker has recorded it
        return "down"
    return "up"


# --- The content generation ------------------------------------------------------------------
GENERATION_KEY = "jipp:content-generation"
# Data (figures, counts) is recomputed at least this often; a write makes it stale at once anyway.
TIMEOUT = 5 * 60
# The cache alias that keeps nothing: the `{% cache %}` tag renders through it when a fragment must
# not be shared (a signed-in user, the cache turned off).
UNCACHED = "uncached"
# Models of the portal's apps that no public page shows, or that are written on every request or job
# step: saving them must not throw away everything cached (API tokens record their last use at each
# call; a delivery stamps its subscription). Job rows (jipp.jobs.models.Job) are left out by their base class.
NOT_CONTENT = {"ApiToken", "SecurityEvent", "ReportSubscription"}


def _clock() -> int:
    return time.time_ns() // 1_000


def _move() -> None:
    try:
        # With the cache down this does nothing (errors are ignored); generation() makes up for it.
        cache.incr(GENERATION_KEY)
    except ValueError:  # not cached yet (or evicted): start again above every value it held
        cache.set(GENERATION_KEY, _clock(), timeout=None)


def generation() -> int:
    """The content generation: moves once with every committed transaction that wrote content."""
    value = cache.get_or_set(GENERATION_KEY, _clock, timeout=None)
    if cache_breaker.take_recovery():
        # Moves made while the cache was down were lost: move past every value it held before.
        cache.set(GENERATION_KEY, max(_clock(), (cache.get(GENERATION_KEY) or 0) + 1), timeout=None)
        value = cache.get_or_set(GENERATION_KEY, _clock, timeout=None)
    return value


def _transaction_token(connection):
    """What tells this transaction's pending move from another's in `connection.run_on_commit`.

    In production the list is emptied at every commit and rollback, so one token does. A test runs
    inside transactions of its own that never commit (TestCase's, marked `_from_testcase` as Django's
    durable check reads them): there the token is the savepoint of the outermost block the code under
    test opened, so each service call a test makes is a transaction of its own."""
    for index, block in enumerate(connection.atomic_blocks):
        if not getattr(block, "_from_testcase", False):
            return connection.savepoint_ids[index - 1] if index else None
    return False  # only the test's own blocks: the write stands as if in autocommit


def content_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """Make everything cached stale once the current transaction commits (at once in autocommit).

    The one call behind every invalidation: the signals of the content models call it, and so must a
    write that sends no signal (QuerySet.update, bulk_create). Many writes in one transaction move the
    generation once; a rollback moves nothing."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _move()
        return
    token = _transaction_token(connection)
    if token is False:
        _move()
        return
    for _sids, func, _robust in connection.run_on_commit:
        if getattr(func, "content_generation_token", object()) == token:
            return  # a move is pending for this transaction already

    def move() -> None:
        _move()

    move.content_generation_token = token
    transaction.on_commit(move, using=using, robust=True)


def _on_write(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    content_changed(using)


def is_content_model(model: type[Model]) -> bool:
    """A model of the portal's own apps (the packages at the project's root) whose rows a cached page,
    figure or count may show."""
    from jipp.jobs.models import Job

    meta = model._meta
    return not (
        meta.object_name in NOT_CONTENT
        or meta.model_name.startswith("historical")
        or issubclass(model, Job)
        or Path(meta.app_config.path).resolve().parent != Path(settings.BASE_DIR).resolve()
    )


def content_models() -> list[type[Model]]:
    from django.apps import apps

    return [model for model in apps.get_models() if is_content_model(model)]


def watch_content() -> None:
    """Connect every content model (and its many-to-many tables) to content_changed; once, at start-up
    (HubsConfig.ready), so that a forgotten call in a future service cannot leave anything stale."""
    for model in content_models():
        uid = f"content-generation-{model._meta.label_lower}"
        post_save.connect(_on_write, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_write, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
        for m2m in model._meta.local_many_to_many:
            m2m_changed.connect(
                _on_write, sender=m2m.remote_field.through, weak=False, dispatch_uid=f"{uid}-{m2m.name}"
            )


# --- Cached values -----------------------------------------------------------------------------


def shared() -> bool:
    """Whether data may be cached: only in a cache every process shares (settings.JIPP_SHARED_CACHE)."""
    return getattr(settings, "JIPP_SHARED_CACHE", False)


def key(name: str, *vary) -> str:
    """The cache key of `name` for these values under the current content generation."""
    digest = hashlib.sha256(repr((generation(), *vary)).encode()).hexdigest()
    return f"jipp:{name}:{digest}"


def cached(name: str, compute: Callable[[], object], *vary, timeout: int = TIMEOUT):
    """`compute()`, cached under `name` and `vary` until the next committed write of content."""
    if not shared():
        return compute()
    return cache.get_or_set(key(name, *vary), compute, timeout=timeout)


def cached_for_query(queryset: QuerySet, name: str, compute: Callable[[], object], empty=None):
    """`compute()` (an aggregate over `queryset`), cached under the query's SQL; `empty` without a query
    when the filter matches nothing by construction."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return empty if empty is not None else compute()
    return cached(f"query:{name}", compute, queryset.db, sql, params)


def cached_count(queryset: QuerySet) -> int:
    """queryset.count(), cached: equal to its rows after every write, whatever the filter joins."""
    return cached_for_query(queryset.order_by(), "count", queryset.count, empty=0)


class CachedCountPaginator(Paginator):
    """A Paginator whose total count comes from cached_count when it pages a QuerySet."""

    @cached_property
    def count(self):
        if isinstance(self.object_list, QuerySet):
            return cached_count(self.object_list)
        return super().count


# --- Public renderings -------------------------------------------------------------------------
# Most visitors are not signed in, and they all see the same list pages, hub pages and API list pages
# for the same address. Rendering one (50 rows through templates or serializers, a filter panel of
# hundreds of options) costs far more than its SQL, so the rendering is cached, never a whole response:
# the page around the fragment (the CSRF token of the language switch, messages) is each request's own.
# Signed-in users' pages depend on their hubs and roles, so they are always rendered afresh.


def public_ttl() -> int:
    """Seconds a public rendering is kept; 0 (off) without a shared cache or with
    JIPP_PUBLIC_CACHE_SECONDS = 0 (the benchmark's uncached figures)."""
    return getattr(settings, "JIPP_PUBLIC_CACHE_SECONDS", 300) if shared() else 0


def public_vary(request, *extra) -> tuple | None:
    """What a rendering shared by anonymous visitors varies on besides the generation: the address with
    its query parameters, the language and today's date (an innovation's "not verified in 12 months"
    badge moves with it); None when this request's rendering must not be shared."""
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated or public_ttl() <= 0 or request.method not in ("GET", "HEAD"):
        return None
    params = sorted((k, v) for k, values in request.GET.lists() for v in values)
    today = timezone.localdate() if settings.USE_TZ else datetime.date.today()
    return (request.path, params, get_language() or "", today.isoformat(), *extra)


class PublicFragment:
    """The arguments of a page's `{% cache %}` tag:
    `{% cache public_cache.timeout NAME public_cache.generation public_cache.vary using=public_cache.using %}`.
    A rendering that must not be shared goes through the UNCACHED alias, which keeps nothing."""

    def __init__(self, request):
        vary = public_vary(request)
        self.timeout = public_ttl()
        self.using = "default" if vary is not None else UNCACHED
        self.generation = generation() if vary is not None else 0
        self.vary = hashlib.sha256(repr(vary).encode()).hexdigest()


class PublicCacheMixin:
    """A view whose content fragment is cached for anonymous visitors (`public_cache`, PublicFragment).
    The view must keep what only the fragment reads lazy (querysets, SimpleLazyObject), so that a cached
    fragment costs no query."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["public_cache"] = PublicFragment(self.request)
        return ctx


def public_get(request, name: str, *extra):
    """(key, cached rendering or None) of low-level rendering `name` for this request; key None when
    it must not be shared."""
    vary = public_vary(request, *extra)
    if vary is None:
        return None, None
    public_key = key(f"public:{name}", *vary)
    return public_key, cache.get(public_key)


def public_put(public_key: str | None, value) -> None:
    if public_key:
        cache.set(public_key, value, timeout=public_ttl())
