"""Cached counts and aggregates of big tables, invalidated when their rows change.

A list page of 100,000 innovations would otherwise count the whole filtered table on every request,
and the story pages would recompute their totals over 200,000 stories. Here a value is cached under
a key made of the query's SQL and a *generation* number per model; saving or deleting a row of a
watched model bumps its generation, so every cached value that depends on it is recomputed on the
next read. Bulk writes that bypass signals (QuerySet.update, bulk_create) are caught by the TTL.
The cache is Redis in production (shared by every worker), a per-process memory cache elsewhere.

A generation must never come back to a value it held before, or the values cached under it would be
served again: so a generation starts from the clock (microseconds), not from 1, when its key is missing
(Redis restarted empty, the key evicted), and after a Redis outage, during which increments were lost
(the cache ignores its errors, jipp.cache), the first read moves every generation this process knows to
the clock again. The hubs dashboard keeps its version with the same functions.
"""

import hashlib
import threading
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.functional import cached_property

from .breaker import cache_breaker

TTL_SECONDS = 300
_WATCHED: set[str] = set()
# Models whose generation moves on writes: only their counts may be cached.
_WATCHED_MODELS: set[str] = set()


def _generation_key(model: type[Model]) -> str:
    return f"qc:gen:{model._meta.label_lower}"


# Every generation key this process has read or moved: the ones to move after an outage.
_KNOWN_KEYS: set[str] = set()
_KNOWN_LOCK = threading.Lock()


def _clock() -> int:
    return time.time_ns() // 1_000


def _know(key: str) -> None:
    if key not in _KNOWN_KEYS:
        with _KNOWN_LOCK:
            _KNOWN_KEYS.add(key)


def _move_to_clock(key: str) -> None:
    cache.set(key, max(_clock(), (cache.get(key) or 0) + 1), timeout=None)


def read_generation(key: str) -> int:
    """The counter under `key`, started from the clock when missing; moved past every value it held
    before the outage when the cache has just come back."""
    _know(key)
    value = cache.get_or_set(key, _clock, timeout=None)
    if cache_breaker.take_recovery():
        # The read above may be the first answer after the outage: repair, then read again.
        with _KNOWN_LOCK:
            keys = list(_KNOWN_KEYS)
        for known in keys:
            _move_to_clock(known)
        value = cache.get_or_set(key, _clock, timeout=None)
    return value


def move_generation(key: str) -> None:
    """Move the counter under `key` now (a missing key starts again from the clock)."""
    _know(key)
    try:
        # With the cache down this does nothing (jipp.cache ignores the error); read_generation
        # repairs the lost move when the cache is back.
        cache.incr(key)
    except ValueError:  # not cached yet (or evicted): start a new generation above every old one
        cache.set(key, _clock(), timeout=None)


def generation(model: type[Model]) -> int:
    """The model's current generation: changes whenever one of its rows is saved or deleted."""
    return read_generation(_generation_key(model))


def _incr(key: str) -> None:
    """Move a generation now, and again when the transaction commits: a request that read the old rows
    between the write and the commit may have cached them under the first new generation."""
    move_generation(key)
    transaction.on_commit(lambda: move_generation(key), robust=True)


def bump(model: type[Model]) -> None:
    """Invalidate every cached value that depends on `model` (and, for a content model, every cached
    public page: jipp.pagecache)."""
    _incr(_generation_key(model))
    if model._meta.label_lower in _CONTENT_MODELS:
        _incr(CONTENT_GENERATION_KEY)


# --- The content generation (jipp.pagecache) -------------------------------------------------
CONTENT_GENERATION_KEY = "qc:gen:content"
_CONTENT_MODELS: set[str] = set()


def content_generation() -> int:
    """Moves whenever a row of any content model is written: the version of every public page."""
    return read_generation(CONTENT_GENERATION_KEY)


def _bump_content(**kwargs) -> None:
    _incr(CONTENT_GENERATION_KEY)


def watch_content(models: Iterable[type[Model]]) -> None:
    """Move the content generation on every save, delete and many-to-many change of these models."""
    for model in models:
        label = model._meta.label_lower
        if label in _CONTENT_MODELS:
            continue
        _CONTENT_MODELS.add(label)
        uid = f"qc-content-{label}"
        post_save.connect(_bump_content, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(_bump_content, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
        for m2m in model._meta.local_many_to_many:
            m2m_changed.connect(
                _bump_content, sender=m2m.remote_field.through, weak=False, dispatch_uid=f"{uid}-{m2m.name}"
            )


def watch(*models: type[Model], invalidates: type[Model] | None = None) -> None:
    """Bump a generation on every save and delete of a row of each model: the model's own, or that of
    `invalidates` (for rows that only matter through it, e.g. an innovation's SDG links)."""
    for model in models:
        target = invalidates or model
        uid = f"qc-{model._meta.label_lower}-{target._meta.label_lower}"
        if uid in _WATCHED:
            continue
        _WATCHED.add(uid)
        _WATCHED_MODELS.add(target._meta.label_lower)

        def on_change(sender, _target=target, **kwargs):
            # The model's own generation only: the content generation has its own signal (watch_content),
            # and bump() would move it a second time on every save.
            _incr(_generation_key(_target))

        post_save.connect(on_change, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(on_change, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


def query_key(queryset: QuerySet, name: str, depends_on: Iterable[type[Model]] = ()) -> str | None:
    """A cache key for `name` computed over `queryset`; None when the query matches nothing by construction."""
    from django.core.exceptions import EmptyResultSet

    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    models = {queryset.model, *depends_on}
    generations = ",".join(f"{m._meta.label_lower}={generation(m)}" for m in sorted(models, key=str))
    digest = hashlib.sha256(f"{queryset.db}|{sql}|{params!r}|{generations}".encode()).hexdigest()
    return f"qc:{name}:{digest}"


def cached_value(queryset: QuerySet, name: str, compute: Callable[[], object], depends_on=(), empty=None):
    """`compute()` (an aggregate over `queryset`), cached until a watched model changes or the TTL ends;
    computed every time when the cache is not shared by every process (settings.JIPP_SHARED_CACHE)."""
    if not settings.JIPP_SHARED_CACHE:
        return compute()
    key = query_key(queryset, name, depends_on)
    if key is None:
        return empty if empty is not None else compute()
    return cache.get_or_set(key, compute, timeout=TTL_SECONDS)


def cached_count(queryset: QuerySet, depends_on: Iterable[type[Model]] = ()) -> int:
    """queryset.count(), cached when its model (and every model of `depends_on`, the others its filter
    reads) is watched, so that its generation moves on every write; a plain count otherwise, since
    nothing would tell the cache that the count changed."""
    if any(m._meta.label_lower not in _WATCHED_MODELS for m in (queryset.model, *depends_on)):
        return queryset.count()
    return cached_value(queryset.order_by(), "count", queryset.count, depends_on=depends_on, empty=0)


class CachedCountPaginator(Paginator):
    """A Paginator whose total count comes from cached_count when it pages a QuerySet."""

    @cached_property
    def count(self):
        if isinstance(self.object_list, QuerySet):
            return cached_count(self.object_list)
        return super().count
