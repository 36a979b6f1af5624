from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from jipp.audit import _current_request, security_event_record
from jipp.choices import SecurityEventKind

User = get_user_model()
STAFF_FLAGS = ("is_staff", "is_superuser", "is_active")


def request_actor():
    """The logged-in user making the current request, if any (admin, page or API session)."""
    request = _current_request()
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    from jipp.middleware import mark_staff_session

    security_event_record(kind=SecurityEventKind.LOGIN_SUCCEEDED, user=user, request=request)
    if request is not None:
        mark_staff_session(request, user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; keep only the name that was tried.
    username = credentials.get(User.USERNAME_FIELD) or credentials.get("username") or ""
    security_event_record(kind=SecurityEventKind.LOGIN_FAILED, request=request, detail={"username": username})


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        security_event_record(kind=SecurityEventKind.LOGOUT, user=user, request=request)


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    security_event_record(kind=SecurityEventKind.LOGIN_LOCKED_OUT, request=request, detail={"username": username or ""})


@receiver(pre_save, sender=User, dispatch_uid="audit_user_flags_pre")
def _user_before(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        instance._audit_old_flags = sender.objects.filter(pk=instance.pk).values(*STAFF_FLAGS).first()


@receiver(post_save, sender=User, dispatch_uid="audit_user_flags_saved")
def _user_saved(sender, instance, created, raw=False, **kwargs):
    old = getattr(instance, "_audit_old_flags", None)
    if raw or created or not old:
        return
    changed = {f: [old[f], getattr(instance, f)] for f in STAFF_FLAGS if old[f] != getattr(instance, f)}
    if changed:
        detail = {"target": instance.get_username(), "target_id": instance.pk, "changed": changed}
        security_event_record(kind=SecurityEventKind.STAFF_FLAGS_CHANGED, user=request_actor(), detail=detail)


@receiver(post_save, sender=User, dispatch_uid="revoke_tokens_on_password_change")
def _password_changed(sender, instance, created, raw=False, **kwargs):
    # set_password() keeps the new raw password in `_password` until the save (Django's own hook for
    # password_changed()); a hash upgraded at login is saved without it, so only a real change counts.
    # A token is a password that does not expire with the old one: whoever changes a password because
    # it leaked must not find the thief still holding a token.
    if raw or created or getattr(instance, "_password", None) is None:
        return
    from jipp.tokens import api_tokens_revoke_all

    api_tokens_revoke_all(user=instance, reason="password_changed")


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit_user_groups")
def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or (action != "post_clear" and not pk_set):
        return
    from django.contrib.auth.models import Group

    groups = sorted(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    if reverse:  # group.user_set.add(...): `instance` is the group, pk_set the users
        targets = sorted(User.objects.filter(pk__in=pk_set or []).values_list(User.USERNAME_FIELD, flat=True))
        detail = {"action": action, "group": instance.name, "targets": targets}
    else:
        detail = {"action": action, "target": instance.get_username(), "target_id": instance.pk, "groups": groups}
    security_event_record(kind=SecurityEventKind.GROUPS_CHANGED, user=request_actor(), detail=detail)
