"""Background jobs of the innovations app: thin wrappers that load rows by id and call one function."""

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from innovations.models import ReviewEvent
from jipp.choices import MembershipRole
from jipp.permissions import MINISTRY_STAFF_GROUP

logger = logging.getLogger(__name__)


def review_notification_recipients(event: ReviewEvent) -> list[str]:
    """The e-mail addresses told about a transition: the admins of the record's hub and the reviewers."""
    target = event.target
    hub_id = getattr(target, "hub_id", None)
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    q = Q(groups__name=MINISTRY_STAFF_GROUP)
    if hub_id:
        q |= Q(hub_memberships__hub_id=hub_id, hub_memberships__role=MembershipRole.ADMIN)
    return sorted(set(users.filter(q).values_list("email", flat=True)))


@shared_task(
    name="innovations.tasks.review_notification_send",
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def review_notification_send(event_id: int) -> int:
    """E-mail one review event to the hub's admins and the ministry reviewers; returns how many were sent.

    One message per recipient, so that no one sees the others' addresses. A missing event (deleted
    record) is not an error: there is nothing left to tell.
    """
    event = ReviewEvent.objects.select_related("actor", "content_type").filter(pk=event_id).first()
    if event is None or event.target is None:
        logger.info("review event %s no longer exists; nothing to send", event_id)
        return 0
    recipients = review_notification_recipients(event)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"event": event, "target": event.target, "site_url": getattr(settings, "JIPP_SITE_URL", "")}
        subject = " ".join(render_to_string("innovations/email/review_event_subject.txt", context).split())
        body = render_to_string("innovations/email/review_event_body.txt", context)
    connection = get_connection()
    messages = [EmailMessage(subject, body, None, [address], connection=connection) for address in recipients]
    return connection.send_messages(messages) or 0
