"""Local development: the embedded default of `make run`."""

from jipp.settings.base import *  # noqa: F403
from jipp.settings.base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A fixed development key is fine here: production.py refuses to start without a real one.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="django-insecure-local-development-only")

# Synthetic demo records (`seed_demo`) are welcome on a developer's machine.
JIPP_ALLOW_DEMO_DATA = env.bool("JIPP_ALLOW_DEMO_DATA", default=True)
