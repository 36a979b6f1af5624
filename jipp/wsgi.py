"""WSGI entry point (gunicorn jipp.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jipp.settings.local")

application = get_wsgi_application()

# Everything loaded at start-up is long-lived: keep it out of the collector's scans, which
# otherwise cause latency spikes on every worker.
gc.freeze()
