"""Session policy for staff: their sessions end after STAFF_SESSION_IDLE_SECONDS without a request.

Who is staff is decided once, at login (jipp.permissions.needs_staff_session_timeout, called by
`mark_staff_session`), and remembered in the session: the middleware itself runs no query. The
expiry slides with activity, but the session row is rewritten at most once a minute.
"""

import time

from django.conf import settings

from jipp.http import PRIVATE

STAFF_FLAG = "_jipp_staff_idle"
SEEN_KEY = "_jipp_staff_seen"
# Refresh the expiry at most this often: each refresh is a write of the session row.
REFRESH_SECONDS = 60


def mark_staff_session(request, user) -> None:
    """At login: give a staff user's session the short idle timeout."""
    from jipp.permissions import needs_staff_session_timeout

    session = getattr(request, "session", None)
    if session is None or not needs_staff_session_timeout(user):
        return
    session[STAFF_FLAG] = True
    session[SEEN_KEY] = int(time.time())
    session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)


class StaffSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(STAFF_FLAG):
            now = int(time.time())
            if now - session.get(SEEN_KEY, 0) >= REFRESH_SECONDS:
                session[SEEN_KEY] = now
                session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return self.get_response(request)


class PrivateByDefaultMiddleware:
    """Every response that does not say otherwise is `private, no-store` (jipp.http.PRIVATE).

    Pages and API answers depend on who asks (their CSRF token, their hubs' drafts, names under
    consent rules), so no shared cache (a proxy, a CDN) may keep one, and no browser may keep one
    on disk after the user signs out. The one exception says so itself: a published story's photo
    with photo consent (stories.privacy.PublicStory.photo_cache_control). Static files are
    served before this middleware runs (WhiteNoise) and keep their own long-lived headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = PRIVATE
        return response
