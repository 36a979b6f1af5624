"""Every "may this user do X to this object" decision of the portal, in one place.

Pages, forms, the API and the reporting jobs all ask these predicates; none re-implements them.

Roles:
- ministry staff (the group MINISTRY_STAFF_GROUP, or a superuser): see everything, review and publish;
- a hub member: *admin* or *editor* of a hub (HubMembership). Both see and edit the drafts of
  records coordinated by their hub; only admins submit, change a published record, record
  replications and erase personal data;
- anyone else (including anonymous visitors): published records only.

A record is "of a hub" through its `hub_id` (innovations, stories) or `facilitating_hub_id`
(replications).
"""

from django.db.models import Q

from jipp.choices import MembershipRole

MINISTRY_STAFF_GROUP = "Staf Kementerian"

# Statuses in which any member of the record's hub (editor or admin) may change its content.
DRAFT_STATUSES = {"draft", "revision_requested"}
# A change to a published record is live at once, without review: only the hub's admins, who may
# submit and so vouch for content, may make it (and the audit log records it).
ADMIN_EDITABLE_STATUSES = {"published"}


class _NoHubs:
    """Until an app registers the hubs and memberships (the hubs app does, in its ready())."""

    @staticmethod
    def roles(user):
        return ()

    @staticmethod
    def hub_ids():
        return ()


_membership_source = _NoHubs


def register_membership_source(source) -> None:
    """`source.roles(user)` yields (hub id, role) pairs of a user; `source.hub_ids()` every hub's id."""
    global _membership_source
    _membership_source = source


def is_ministry_staff(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_jipp_is_staff", None)
    if cached is None:
        cached = user.groups.filter(name=MINISTRY_STAFF_GROUP).exists()
        user._jipp_is_staff = cached
    return cached


def can_view_security_events(user) -> bool:
    """The security audit log is for ministry staff (and superusers) only."""
    return is_ministry_staff(user)


def needs_staff_session_timeout(user) -> bool:
    """Staff (admin-site users, superusers, ministry staff) get the short idle session timeout."""
    return bool(getattr(user, "is_authenticated", False) and (user.is_staff or is_ministry_staff(user)))


def hub_roles(user) -> dict[int, str]:
    """{hub id: role} for the user's memberships, loaded once per request (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_jipp_hub_roles", None)
    if cached is None:
        cached = dict(_membership_source.roles(user))
        user._jipp_hub_roles = cached
    return cached


def member_hub_ids(user, roles=(MembershipRole.ADMIN, MembershipRole.EDITOR)) -> set[int]:
    return {hub_id for hub_id, role in hub_roles(user).items() if role in roles}


def admin_hub_ids(user) -> set[int]:
    return member_hub_ids(user, roles=(MembershipRole.ADMIN,))


def _record_hub_id(obj) -> int | None:
    return getattr(obj, "hub_id", None) or getattr(obj, "facilitating_hub_id", None)


def visible_q(user, hub_field: str = "hub") -> Q:
    """The filter for records a user may see in lists: published, or of their hubs, or all for staff."""
    if is_ministry_staff(user):
        return Q()
    q = Q(status="published")
    hubs = member_hub_ids(user)
    if hubs:
        q |= Q(**{f"{hub_field}__in": hubs})
    return q


def can_view(user, obj) -> bool:
    if getattr(obj, "status", "published") == "published":
        return True
    return is_ministry_staff(user) or _record_hub_id(obj) in member_hub_ids(user)


def can_view_personal_data(user, obj) -> bool:
    """Personal fields of a story: the hub's members and staff only."""
    return is_ministry_staff(user) or _record_hub_id(obj) in member_hub_ids(user)


def creatable_hub_ids(user) -> set[int]:
    """The hubs a user may start a draft for, on the pages, in the API and by import: their own hubs
    (admin or editor); every hub for ministry staff, who record on a hub's behalf."""
    if is_ministry_staff(user):
        return set(_membership_source.hub_ids())
    return member_hub_ids(user)


def can_create(user) -> bool:
    """Whether the user may start a draft for some hub (the "new" buttons and forms)."""
    return is_ministry_staff(user) or bool(member_hub_ids(user))


def can_create_for_hub(user, hub_id: int) -> bool:
    """A new draft for this hub (see creatable_hub_ids)."""
    return hub_id in creatable_hub_ids(user)


def can_edit(user, obj) -> bool:
    status = getattr(obj, "status", "draft")
    if status in DRAFT_STATUSES:
        return _record_hub_id(obj) in member_hub_ids(user)
    if status in ADMIN_EDITABLE_STATUSES:
        return _record_hub_id(obj) in admin_hub_ids(user)
    return False


def can_delete(user, obj) -> bool:
    """A draft that was never sent for review may be thrown away by the members of its hub; anything
    that reached a reviewer stays, so that the review record and the history keep their subject."""
    return getattr(obj, "status", None) == "draft" and _record_hub_id(obj) in member_hub_ids(user)


def can_submit(user, obj) -> bool:
    return _record_hub_id(obj) in admin_hub_ids(user)


def can_review(user, obj=None) -> bool:
    return is_ministry_staff(user)


def can_record_replication(user, hub_id: int) -> bool:
    return hub_id in admin_hub_ids(user) or is_ministry_staff(user)


def can_erase_personal_data(user, obj) -> bool:
    return is_ministry_staff(user) or _record_hub_id(obj) in admin_hub_ids(user)


def can_manage_hub(user, hub_id: int) -> bool:
    """Import for a hub, manage its memberships."""
    return hub_id in admin_hub_ids(user) or is_ministry_staff(user)


def institution_in_network(institution, hub_id: int) -> bool:
    """An institution belongs to a hub's network: it is the hub itself, or the hub coaches it."""
    return institution is not None and (institution.pk == hub_id or institution.coaching_hub_id == hub_id)


def can_view_review_history(user, obj) -> bool:
    """Review events and comments of a record: staff and the members of the record's hub."""
    return is_ministry_staff(user) or _record_hub_id(obj) in member_hub_ids(user)


def can_view_change_history(user, obj=None) -> bool:
    """The field-by-field change history (django-simple-history) is for ministry staff."""
    return is_ministry_staff(user)


def can_edit_replication(user, replication) -> bool:
    return can_record_replication(user, replication.facilitating_hub_id)


def replication_visible_q(user) -> Q:
    """Replications a user may see: those of a published innovation, those of their hubs, all for staff."""
    if is_ministry_staff(user):
        return Q()
    q = Q(innovation__status="published")
    hubs = member_hub_ids(user)
    if hubs:
        q |= Q(facilitating_hub__in=hubs) | Q(innovation__hub__in=hubs)
    return q


def can_view_full_dashboard(user) -> bool:
    """The dashboard and benchmarking with every status (drafts, submissions): ministry staff only."""
    return is_ministry_staff(user)


def visibility_scope(user) -> dict:
    """What `user` may see beyond published records, as data a job can keep: {"staff", "hubs"}.

    A file made for a user (a report, an export) holds what this scope allowed when it was made.
    """
    return {"staff": is_ministry_staff(user), "hubs": sorted(member_hub_ids(user))}


def scope_covers(user, scope: dict) -> bool:
    """Whether `user` may still see everything a file made under `scope` may hold."""
    if is_ministry_staff(user):
        return True
    if not getattr(user, "is_authenticated", False) or scope.get("staff"):
        return False
    return set(scope.get("hubs") or ()) <= member_hub_ids(user)
