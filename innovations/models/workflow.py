"""The review workflow shared by innovations and impact stories."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from innovations.choices import ReviewStatus
from jipp.permissions import REVIEWED, RestrictedQuerySet


class ReviewEvent(models.Model):
    """One transition of a reviewable record: who moved it, when, from which state to which, and why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="review_events"
    )
    from_status = models.CharField(_("dari"), max_length=20, choices=ReviewStatus.choices)
    to_status = models.CharField(_("ke"), max_length=20, choices=ReviewStatus.choices)
    comment = models.TextField(_("komentar"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("peristiwa tinjauan")
        verbose_name_plural = _("peristiwa tinjauan")
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"], name="reviewevent_target_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_status=models.F("to_status")), name="reviewevent_changes_state"
            ),
        ]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class Reviewable(models.Model):
    """Abstract base: a record that goes draft → submitted → in review → published/rejected.

    `version` increases on every save through a service, so that two users editing the same
    record cannot silently overwrite each other (forms and the API's If-Match check it).
    """

    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    published_at = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    version = models.PositiveIntegerField(_("versi"), default=1)
    is_demo = models.BooleanField(_("data contoh"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    review_events = GenericRelation(ReviewEvent)

    objects = RestrictedQuerySet.as_manager()
    # Who may see, change, submit or review it: jipp.permissions, by its hub and status.
    restriction = REVIEWED

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == ReviewStatus.PUBLISHED
