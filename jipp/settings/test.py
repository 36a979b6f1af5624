"""Settings for the test suite (pytest uses these; see pyproject.toml)."""

from jipp.settings.base import *  # noqa: F403
from jipp.settings.base import env

SECRET_KEY = env("DJANGO_SECRET_KEY", default="django-insecure-test-only")
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]

JIPP_ALLOW_DEMO_DATA = True
# Tests never run collectstatic: let WhiteNoise serve from the finders instead of warning per request.
WHITENOISE_AUTOREFRESH = True

# The tests run in one process, so the memory cache is shared by every request they make: data is
# cached as in production with Redis (tests/innovations/test_public_cache.py, tests/perf/).
JIPP_SHARED_CACHE = True
