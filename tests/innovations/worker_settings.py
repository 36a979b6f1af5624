"""Settings of the Celery worker started by the real-worker test: the test settings, mail to files."""

import os

from jipp.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["JIPP_TEST_MAIL_DIR"]
