"""One-time tokens that keep a "new record" form from creating its record twice.

The form carries a token in a hidden field. The first POST with it reserves the token (cache.add is
atomic, so a double click's second request finds it taken) and, once the record exists, the session
remembers which record the token made; a re-sent POST (a reload, the back button, a second click)
is then sent to that record instead of creating another. A POST that fails validation gives its
token back, so the corrected form may be sent again.

Written here rather than taken from a library: the candidates (idempotency-key middlewares) target
APIs and headers, and this is a few lines over the session and cache we already run.
"""

import re
import secrets
from dataclasses import dataclass

from django.core.cache import cache

FIELD_NAME = "form_token"
_SESSION_KEY = "jipp_form_tokens"
_KEEP = 30  # tokens remembered per session: enough for the forms one person has open
_BUSY_SECONDS = 120  # how long a reservation holds if its request dies before finishing
_DONE_SECONDS = 3600  # the session remembers longer; the cache covers requests racing the session
_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def issue() -> str:
    """A new token for a form about to be shown."""
    return secrets.token_urlsafe(24)


@dataclass
class Claim:
    """What a POST's token says: `fresh` to go ahead, else the record it already made (`done_pk`),
    or neither when the same token's first request is still running."""

    token: str | None
    fresh: bool
    done_pk: int | None = None

    @property
    def busy(self) -> bool:
        return not self.fresh and self.done_pk is None


def _cache_key(request, scope: str, token: str) -> str:
    return f"form-token:{scope}:{request.user.pk}:{token}"


def claim(request, scope: str) -> Claim:
    """Reserve the POST's token for `scope` (e.g. "innovation_create").

    A POST without a (well-formed) token goes ahead unguarded: every page we render sends one, and
    other clients (scripts, tests) are not broken by its absence.
    """
    token = request.POST.get(FIELD_NAME, "")
    if not _SHAPE.match(token):
        return Claim(token=None, fresh=True)
    done = request.session.get(_SESSION_KEY, {}).get(f"{scope}:{token}")
    if done is not None:
        return Claim(token=token, fresh=False, done_pk=done)
    key = _cache_key(request, scope, token)
    if not cache.add(key, 0, _BUSY_SECONDS):
        # 0 while the first request runs, then the record's id (a second request may have loaded
        # the session before the first one saved it). Nothing there: the cache is unreachable (it
        # fails open, jipp.cache), and a form must still be savable.
        held = cache.get(key)
        if held is not None:
            return Claim(token=token, fresh=False, done_pk=held or None)
    return Claim(token=token, fresh=True)


def release(request, scope: str, claim: Claim) -> None:
    """Give the token back (nothing was created): the same form may be sent again."""
    if claim.token:
        cache.delete(_cache_key(request, scope, claim.token))


def complete(request, scope: str, claim: Claim, pk: int) -> None:
    """Remember that the token created record `pk`."""
    if not claim.token:
        return
    done = dict(request.session.get(_SESSION_KEY, {}))
    done[f"{scope}:{claim.token}"] = pk
    request.session[_SESSION_KEY] = dict(list(done.items())[-_KEEP:])
    cache.set(_cache_key(request, scope, claim.token), pk, _DONE_SECONDS)
