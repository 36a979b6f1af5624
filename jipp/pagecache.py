"""Cached renderings of what every anonymous visitor sees alike.

Most visitors of the registry are not signed in, and they all see the same list pages, hub pages and
API list pages for the same address. Rendering one of those (50 rows through Django's templates or
DRF's serializers, a filter panel with hundreds of options) costs far more than its SQL, so the
rendering is cached, and the request does only what cannot be shared.

- What is cached: a template fragment (the `{% publiccache key %}` tag of jipp.templatetags) or an API
  list page's data (jipp.api.mixins.PublicListCacheMixin), never a whole response: the page around
  the fragment (CSRF token of the language switch, messages) is rendered for each request.
- For whom: anonymous visitors only. A signed-in user's pages depend on their hubs and roles (drafts,
  edit links, full names under consent rules), so they are always rendered afresh.
- The key: the fragment's name, the address with its query parameters, the language, today's date
  (an innovation's "not verified in 12 months" badge moves with it) and the *content generation*.
- Invalidation: every save or delete of a content model (the models of the hubs and innovations apps
  a public page can show, see CONTENT_EXCLUDED) moves the content generation (jipp.querycache.bump,
  which bulk writes call too), so the next request renders afresh. Writes are rare next to reads in a
  registry, so one generation for all content keeps the rule simple and safe; the TTL bounds any write
  made without signals.
- `JIPP_PUBLIC_CACHE_SECONDS = 0` turns it off (the benchmark uses that to show uncached figures); it
  is off as well without a shared cache (`JIPP_SHARED_CACHE`, true with CACHE_URL).
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from . import querycache

# Models of the content apps that no public page shows, or that are written on every request: saving
# them must not throw away every cached page (API tokens record their last use at each call).
CONTENT_APPS = ("hubs", "innovations")
CONTENT_EXCLUDED = {"hubs.apitoken", "hubs.securityevent", "innovations.importjob"}


def ttl() -> int:
    """Seconds a rendering is kept; 0 (off) unless the cache is shared by every process."""
    if not getattr(settings, "JIPP_SHARED_CACHE", False):
        return 0
    return getattr(settings, "JIPP_PUBLIC_CACHE_SECONDS", 300)


def content_models():
    """The models whose rows public pages show (historical records excluded)."""
    from django.apps import apps

    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            name = model._meta.label_lower
            if name in CONTENT_EXCLUDED or model._meta.model_name.startswith("historical"):
                continue
            yield model


def watch_content() -> None:
    """Connect every content model (and its many-to-many tables) to the content generation."""
    querycache.watch_content(list(content_models()))


def public_key(request, name: str, *, extra: tuple = ()) -> str | None:
    """The cache key of fragment `name` for this request; None when it must not be cached."""
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated or ttl() <= 0 or request.method not in ("GET", "HEAD"):
        return None
    params = sorted((k, v) for k, values in request.GET.lists() for v in values)
    today = timezone.localdate() if settings.USE_TZ else datetime.date.today()
    raw = "|".join(
        [
            name,
            request.path,
            repr(params),
            get_language() or "",
            today.isoformat(),
            str(querycache.content_generation()),
            repr(extra),
        ]
    )
    return f"pc:{name}:{hashlib.sha256(raw.encode()).hexdigest()}"


def get(key: str | None):
    return cache.get(key) if key else None


def put(key: str | None, value) -> None:
    if key:
        cache.set(key, value, timeout=ttl())


class PublicCacheMixin:
    """A view whose content fragment (`{% publiccache public_cache_key %}`) is cached for anonymous
    visitors, under the view's name. The view must keep what only the fragment reads lazy (querysets,
    SimpleLazyObject)."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["public_cache_key"] = public_key(self.request, type(self).__name__)
        return ctx
