"""Receivers that feed the security audit log (hubs.audit) from Django, django-axes and model signals."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from hubs.models import HubMembership
from jipp.audit import security_event_record
from jipp.choices import SecurityEventKind
from jipp.signals import request_actor


def _membership_detail(instance: HubMembership) -> dict:
    return {
        "member": instance.user.get_username(),
        "member_id": instance.user_id,
        "hub": str(instance.hub),
        "hub_id": instance.hub_id,
        "role": instance.role,
    }


@receiver(pre_save, sender=HubMembership, dispatch_uid="audit_membership_pre")
def _membership_before(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        instance._audit_old_role = sender.objects.filter(pk=instance.pk).values_list("role", flat=True).first()


@receiver(post_save, sender=HubMembership, dispatch_uid="audit_membership_saved")
def _membership_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    old_role = getattr(instance, "_audit_old_role", None)
    if not created and old_role == instance.role:
        return  # saved without a change of role: nothing to audit
    detail = {**_membership_detail(instance), "created": created, "old_role": old_role}
    security_event_record(kind=SecurityEventKind.MEMBERSHIP_CHANGED, user=request_actor(), detail=detail)


@receiver(post_delete, sender=HubMembership, dispatch_uid="audit_membership_deleted")
def _membership_deleted(sender, instance, **kwargs):
    security_event_record(
        kind=SecurityEventKind.MEMBERSHIP_REMOVED, user=request_actor(), detail=_membership_detail(instance)
    )
