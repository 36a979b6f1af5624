"""Session policy for staff: their sessions end after STAFF_SESSION_IDLE_SECONDS without a request.

Who is staff is decided once, at login (hubs.permissions.needs_staff_session_timeout, called by
`mark_staff_session`), and remembered in the session: the middleware itself runs no query. The
expiry slides with activity, but the session row is rewritten at most once a minute.
"""

import time

from django.conf import settings

STAFF_FLAG = "_jipp_staff_idle"
SEEN_KEY = "_jipp_staff_seen"
# Refresh the expiry at most this often: each refresh is a write of the session row.
REFRESH_SECONDS = 60


def mark_staff_session(request, user) -> None:
    """At login: give a staff user's session the short idle timeout."""
    from hubs.permissions import needs_staff_session_timeout

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
