"""The review workflow, shared by every Reviewable model (innovations, impact stories).

One table says which action moves a record from which states to which state, and who may do it.
`workflow_transition` is the only code that changes `status`; each call records a ReviewEvent.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovations.choices import ReviewStatus as S
from innovations.models import Reviewable, ReviewEvent
from jipp import permissions
from jipp.audit import security_event_record
from jipp.choices import SecurityEventKind


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset
    target: str
    may: Callable  # (user, obj) -> bool
    needs_comment: bool = False
    # Sends the record back or closes it: pages style it as such and ask for a confirmation.
    destructive: bool = False
    # The outcome a reviewer works towards: pages style it as the primary choice.
    primary: bool = False


ACTIONS = {
    a.name: a
    for a in [
        Action("submit", _("Ajukan"), frozenset({S.DRAFT, S.REVISION_REQUESTED}), S.SUBMITTED, permissions.can_submit),
        Action("start_review", _("Mulai tinjauan"), frozenset({S.SUBMITTED}), S.IN_REVIEW, permissions.can_review),
        Action(
            "request_revision",
            _("Minta revisi"),
            frozenset({S.SUBMITTED, S.IN_REVIEW}),
            S.REVISION_REQUESTED,
            permissions.can_review,
            needs_comment=True,
            destructive=True,
        ),
        Action(
            "publish",
            _("Terbitkan"),
            frozenset({S.SUBMITTED, S.IN_REVIEW}),
            S.PUBLISHED,
            permissions.can_review,
            primary=True,
        ),
        Action(
            "reject",
            _("Tolak"),
            frozenset({S.SUBMITTED, S.IN_REVIEW}),
            S.REJECTED,
            permissions.can_review,
            needs_comment=True,
            destructive=True,
        ),
    ]
}


def actions_available(user, obj: Reviewable) -> list[Action]:
    """The actions this user may take on this record now (for buttons in pages and links in the API)."""
    return [a for a in ACTIONS.values() if obj.status in a.sources and a.may(user, obj)]


# The reviewer's actions (everything but the submission), and the statuses in which a record waits
# for one of them: the review queue lists the records in these statuses.
REVIEW_ACTIONS = frozenset(name for name, a in ACTIONS.items() if a.may is permissions.can_review)
AWAITING_REVIEW = frozenset().union(*(ACTIONS[name].sources for name in REVIEW_ACTIONS))


def review_actions_available(user, obj: Reviewable) -> list[Action]:
    """The choices of the review form on this record now: the reviewer's actions this user may take."""
    return [a for a in actions_available(user, obj) if a.name in REVIEW_ACTIONS]


@transaction.atomic
def workflow_transition(
    *,
    obj: Reviewable,
    user,
    action: str,
    comment: str = "",
    validate: Callable[[Reviewable], None] | None = None,
) -> Reviewable:
    """Apply `action` to `obj` as `user` and record the event.

    Raises PermissionDenied when the user may not act, ValidationError (with a message a user
    understands) for an unknown action, a transition not allowed from the current state, a missing
    comment, or a failed `validate` (e.g. the eligibility gates on submit).
    """
    spec = ACTIONS.get(action)
    if spec is None:
        raise ValidationError(
            _("Tindakan tidak dikenal: %(action)s."), params={"action": action}, code="unknown_action"
        )
    # Lock the row: two reviewers acting at once must not both succeed.
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    if not spec.may(user, obj):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    if obj.status not in spec.sources:
        raise ValidationError(
            _("Tidak dapat “%(action)s” dari status “%(status)s”."),
            params={"action": spec.label, "status": obj.get_status_display()},
            code="invalid_transition",
        )
    comment = (comment or "").strip()
    if spec.needs_comment and not comment:
        raise ValidationError({"comment": _("Komentar wajib diisi untuk tindakan ini.")}, code="comment_required")
    if validate is not None:
        validate(obj)

    from_status = obj.status
    obj.status = spec.target
    fields = ["status", "version", "updated_at"]
    now = timezone.now()
    if spec.target == S.SUBMITTED:
        obj.submitted_at = now
        fields.append("submitted_at")
    if spec.target == S.PUBLISHED:
        obj.published_at = now
        fields.append("published_at")
    obj.version += 1
    obj._history_user = user
    obj.save(update_fields=fields)
    ReviewEvent.objects.create(target=obj, actor=user, from_status=from_status, to_status=obj.status, comment=comment)
    return obj


@transaction.atomic
def reviewable_delete(*, obj: Reviewable, user, files) -> None:
    """Delete a draft (innovation or story) and, once the deletion commits, its stored `files`.

    `files` is a callable (the locked row) -> the FieldFiles to remove: rows such as attachments go
    with the record by cascade, but their files stay in storage unless deleted here. Raises
    PermissionDenied unless jipp.permissions.can_delete allows it for the row as it is now (locked:
    a submit racing the deletion either wins, and the deletion is refused, or waits for it).
    """
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    if not permissions.can_delete(user, obj):
        raise PermissionDenied(_("Anda tidak dapat menghapus draf ini."))
    stored = [(f.storage, f.name) for f in files(obj) if f and f.name]
    detail = {"model": obj._meta.label_lower, "id": obj.pk, "slug": obj.slug, "files_deleted": len(stored)}
    # django-simple-history's deletion row names whoever deleted the record.
    obj._history_user = user
    obj.delete()
    # Files go after the commit: a rolled-back deletion must keep them.
    for storage, name in stored:
        transaction.on_commit(lambda s=storage, n=name: s.delete(n))
    security_event_record(kind=SecurityEventKind.DRAFT_DELETED, user=user, detail=detail)
