"""Transitions e-mail the hub's admins and the reviewers, through a Celery task enqueued on commit."""

import os
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from innovations.models import ReviewEvent
from innovations.services import innovation as services
from innovations.tasks import review_notification_send
from tests.factories.innovations import InnovationFactory, eligible


def test_submit_mails_hub_admins_and_reviewers_after_commit(world, eager_celery, django_capture_on_commit_callbacks):
    """Nothing is sent before the commit; after it, one message to each admin of the hub and each reviewer."""
    innovation = eligible(institution=world.coached_a, hub=world.hub_a)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.innovation_submit(innovation=innovation, user=world.admin)
    # One notification waits for the commit (the other moves the content generation: jipp.cache).
    sends = [c for c in callbacks if c.__qualname__.startswith("_enqueue_notification")]
    assert len(sends) == 1
    assert mail.outbox == []
    sends[0]()  # the commit: the task runs eagerly (no broker configured in tests)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([world.admin.email, world.staff.email])
    assert world.editor.email not in recipients and world.other.email not in recipients
    assert innovation.title in mail.outbox[0].subject or innovation.title in mail.outbox[0].body


def test_revision_mail_carries_the_comment(world, eager_celery, django_capture_on_commit_callbacks):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        services.innovation_transition(
            innovation=innovation, user=world.staff, action="request_revision", comment="Tambahkan data anggaran."
        )
    assert mail.outbox
    assert all("Tambahkan data anggaran." in m.body for m in mail.outbox)


def test_failed_transition_sends_nothing(world, django_capture_on_commit_callbacks):
    innovation = InnovationFactory(institution=world.coached_a, hub=world.hub_a)  # no SDG: not eligible
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationError):
        services.innovation_submit(innovation=innovation, user=world.admin)
    assert callbacks == []
    assert mail.outbox == []


def test_task_for_a_vanished_event_sends_nothing(world):
    assert review_notification_send.apply(args=[987654]).get() == 0
    assert mail.outbox == []


def test_task_called_directly_returns_count(world):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, status="submitted")
    event = ReviewEvent.objects.create(
        target=innovation, actor=world.staff, from_status="submitted", to_status="in_review"
    )
    assert review_notification_send(event.pk) == 2


@pytest.mark.redis
@pytest.mark.skipif(
    not settings.CELERY_BROKER_URL or connection.vendor != "postgresql",
    reason="needs CELERY_BROKER_URL (Redis) and PostgreSQL, which a separate worker process can share",
)
def test_real_worker_sends_the_mail(transactional_db, tmp_path):
    """With a broker, the transition is queued on commit and a real Celery worker on Redis sends the mail."""
    from hubs.services import SeedResult
    from innovations.reference import innovations_reference_seed
    from tests.conftest import build_world

    innovations_reference_seed(SeedResult())
    world = build_world()
    innovation = eligible(institution=world.coached_a, hub=world.hub_a)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.innovations.worker_settings",
        "DATABASE_URL": _database_url(),
        "JIPP_TEST_MAIL_DIR": str(tmp_path),
    }
    # Messages left on the broker by earlier runs would be consumed first and delay ours.
    eager_free_app().control.purge()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "jipp",
            "worker",
            "-P",
            "solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "WARNING",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        services.innovation_submit(innovation=innovation, user=world.admin)  # autocommit: on_commit fires now
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(list(tmp_path.iterdir())) < 1:
            time.sleep(0.2)
        time.sleep(0.5)
        sent = "".join(p.read_text() for p in tmp_path.iterdir())
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    assert world.admin.email in sent and world.staff.email in sent


def _database_url() -> str:
    """The URL of the test database, so the worker process reads and writes the rows this test commits."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def test_mail_text_is_not_html_escaped(world, eager_celery, django_capture_on_commit_callbacks):
    innovation = eligible(institution=world.coached_a, hub=world.hub_a, title="Sehat & Cepat <Desa>")
    with django_capture_on_commit_callbacks(execute=True):
        services.innovation_submit(innovation=innovation, user=world.admin)
    assert "Sehat & Cepat <Desa>" in mail.outbox[0].subject
    assert "Sehat & Cepat <Desa>" in mail.outbox[0].body


def eager_free_app():
    from jipp.celery_app import app

    return app
