"""Every "may this user do X to this record" decision of the portal, in one place.

Pages, forms, the API, imports, exports, reports and template tags ask this module; none restates a
role or a status set. A rule is written once, as data (RULES below), and read two ways:

- `allows(user, action, obj)`: may this user take this action on this record (a detail page, a
  form, a service, an API object permission);
- `Model.objects.restrict(user, action)`: the records on which they may (every list, search, export,
  report and feed starts from it, in the spirit of NetBox's RestrictedQuerySet). The filter is an
  `IN` list of the user's hubs beside a status, never a join.

The named predicates (can_view, can_edit, ...) are the readable entry points; each is one line over
`allows`, so the two readings cannot drift apart (tests/jipp/test_permission_rules.py holds them equal
for every model, action, role and status).

Roles:
- ministry staff (the group MINISTRY_STAFF_GROUP, or a superuser): see everything, review and publish,
  record on any hub's behalf, report on the network;
- a hub member: *admin* or *editor* of a hub (HubMembership). Both see and edit the drafts of
  records coordinated by their hub; only admins submit, change a published record, record
  replications, import and erase personal data;
- anyone else (including anonymous visitors and `user=None`, "the public"): published records only.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from jipp.choices import MembershipRole

MINISTRY_STAFF_GROUP = "Staf Kementerian"

# Statuses in which any member of the record's hub (editor or admin) may change its content.
DRAFT_STATUSES = frozenset({"draft", "revision_requested"})
# A change to a published record is live at once, without review: only the hub's admins, who may
# submit and so vouch for content, may make it (and the audit log records it).
ADMIN_EDITABLE_STATUSES = frozenset({"published"})
PUBLIC_STATUSES = frozenset({"published"})

ANYONE, MEMBER, ADMIN, STAFF = "anyone", "member", "admin", "staff"


@dataclass(frozen=True)
class Grant:
    """One way to be allowed an action: who (anyone, a member or an admin of the record's hub, ministry
    staff), in which statuses of the record (None: any), and through which of its hub fields (None: all
    the record's hub fields)."""

    role: str
    statuses: frozenset | None = None
    hubs: tuple[str, ...] | None = None


# A reviewed record (an innovation, a story) and what hangs off it (attachments, photos).
REVIEWED_RULES = {
    "view": (Grant(ANYONE, PUBLIC_STATUSES), Grant(MEMBER), Grant(STAFF)),
    "change": (Grant(MEMBER, DRAFT_STATUSES), Grant(ADMIN, ADMIN_EDITABLE_STATUSES)),
    # A draft that was never sent for review may be thrown away by the members of its hub; anything
    # that reached a reviewer stays, so that the review record and the history keep their subject.
    "delete": (Grant(MEMBER, frozenset({"draft"})),),
    # The workflow (innovations.workflow) decides from which statuses a transition may start.
    "submit": (Grant(ADMIN),),
    "review": (Grant(STAFF),),
    "view_personal": (Grant(MEMBER), Grant(STAFF)),
    "erase": (Grant(ADMIN), Grant(STAFF)),
    "view_review_history": (Grant(MEMBER), Grant(STAFF)),
    # The field-by-field change history (django-simple-history) names every editor: staff only.
    "view_change_history": (Grant(STAFF),),
}

# A replication is seen with its innovation, and by both hubs concerned; it is recorded and changed
# by the facilitating hub's admins or by staff.
REPLICATION_RULES = {
    "view": (Grant(ANYONE, PUBLIC_STATUSES), Grant(MEMBER), Grant(STAFF)),
    "change": (Grant(ADMIN, hubs=("facilitating_hub",)), Grant(STAFF)),
    "view_change_history": (Grant(STAFF),),
}


@dataclass(frozen=True)
class Restriction:
    """Where a model keeps what the rules read: its hub fields and its status field (paths with __),
    and which rules apply to it. A model states it as `restriction = Restriction(...)`."""

    rules: dict
    hubs: tuple[str, ...] = ("hub",)
    status: str = "status"
    # A record that hangs off another (an attachment off its innovation) takes its rules through it.
    through: str = ""

    def path(self, path: str) -> str:
        return f"{self.through}__{path}" if self.through else path


REVIEWED = Restriction(REVIEWED_RULES)


def _restriction(obj_or_model) -> Restriction:
    return getattr(obj_or_model, "restriction", REVIEWED)


def _path_value(obj, path: str, suffix: str = ""):
    """The value at `path` ("hub", "innovation__status") of an object, the last step read as `name + suffix`."""
    *steps, last = path.split("__")
    for step in steps:
        obj = getattr(obj, step, None)
        if obj is None:
            return None
    return getattr(obj, last + suffix, None)


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


def _role_hub_ids(user, role: str) -> set[int]:
    return admin_hub_ids(user) if role == ADMIN else member_hub_ids(user)


def allows(user, action: str, obj) -> bool:
    """Whether `user` (None: the public) may take `action` on the record `obj`."""
    restriction = _restriction(obj)
    status = _path_value(obj, restriction.path(restriction.status))
    for grant in restriction.rules.get(action, ()):
        if grant.statuses is not None and status not in grant.statuses:
            continue
        if grant.role == ANYONE:
            return True
        if grant.role == STAFF:
            if is_ministry_staff(user):
                return True
            continue
        hubs = _role_hub_ids(user, grant.role)
        paths = grant.hubs or restriction.hubs
        if hubs and any(_path_value(obj, restriction.path(path), "_id") in hubs for path in paths):
            return True
    return False


def restriction_q(user, action: str, model) -> Q | None:
    """The filter of the records of `model` on which `user` may take `action`; None when there is none."""
    restriction = _restriction(model)
    terms = []
    for grant in restriction.rules.get(action, ()):
        parts = []
        if grant.role == STAFF:
            if not is_ministry_staff(user):
                continue
        elif grant.role != ANYONE:
            hubs = sorted(_role_hub_ids(user, grant.role))
            if not hubs:
                continue
            hub_q = Q()
            for path in grant.hubs or restriction.hubs:
                hub_q |= Q(**{f"{restriction.path(path)}__in": hubs})
            parts.append(hub_q)
        if grant.statuses is not None:
            statuses = sorted(grant.statuses)
            field = restriction.path(restriction.status)
            lookup = {field: statuses[0]} if len(statuses) == 1 else {f"{field}__in": statuses}
            parts.append(Q(**lookup))
        if not parts:
            return Q()  # this grant covers every record
        term = Q()
        for part in parts:
            term &= part
        terms.append(term)
    if not terms:
        return None
    q = Q()
    for term in terms:
        q |= term
    return q


class RestrictedQuerySet(models.QuerySet):
    """The manager of every content model: `.restrict(user, action)` keeps the records the user may act on."""

    def restrict(self, user, action: str = "view"):
        q = restriction_q(user, action, self.model)
        if q is None:
            return self.none()
        return self.filter(q) if q else self


def can_view(user, obj) -> bool:
    return allows(user, "view", obj)


def can_view_unpublished(user, model) -> bool:
    """Whether `user` may see some record of `model` the public may not (their hubs' drafts,
    everything for staff): the lists offer such users a filter by status."""
    for grant in _restriction(model).rules.get("view", ()):
        if grant.role == ANYONE:
            if grant.statuses is None or grant.statuses - PUBLIC_STATUSES:
                return True
        elif grant.role == STAFF:
            if is_ministry_staff(user):
                return True
        elif _role_hub_ids(user, grant.role):
            return True
    return False


def can_view_personal_data(user, obj) -> bool:
    """Personal fields of a story: the hub's members and staff only."""
    return allows(user, "view_personal", obj)


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
    return allows(user, "change", obj)


def can_delete(user, obj) -> bool:
    return allows(user, "delete", obj)


def can_submit(user, obj) -> bool:
    return allows(user, "submit", obj)


def can_submit_for_some_hub(user) -> bool:
    """Whether a new draft's form offers "save and submit": its user is an admin of some hub."""
    return bool(admin_hub_ids(user))


def can_review(user, obj=None) -> bool:
    """Review (and publish) this record, or, without one, any record: the review queue."""
    return is_ministry_staff(user) if obj is None else allows(user, "review", obj)


def can_erase_personal_data(user, obj) -> bool:
    return allows(user, "erase", obj)


def can_view_review_history(user, obj) -> bool:
    """Review events and comments of a record: staff and the members of the record's hub."""
    return allows(user, "view_review_history", obj)


def can_view_change_history(user, obj=None) -> bool:
    """The field-by-field change history (django-simple-history) is for ministry staff."""
    return is_ministry_staff(user) if obj is None else allows(user, "view_change_history", obj)


def managed_hub_ids(user) -> set[int]:
    """The hubs a user acts for as an admin: record replications, import, manage members. Their admin
    hubs; every hub for ministry staff."""
    if is_ministry_staff(user):
        return set(_membership_source.hub_ids())
    return admin_hub_ids(user)


def can_manage_hub(user, hub_id: int) -> bool:
    """Import for a hub, record its replications, manage its memberships."""
    return hub_id in admin_hub_ids(user) or is_ministry_staff(user)


def can_manage_some_hub(user) -> bool:
    """Whether the user may import or record replications for some hub (the buttons and forms)."""
    return is_ministry_staff(user) or bool(admin_hub_ids(user))


def can_record_replication(user, hub_id: int) -> bool:
    return can_manage_hub(user, hub_id)


def can_edit_replication(user, replication) -> bool:
    return allows(user, "change", replication)


def can_import(user) -> bool:
    return can_manage_some_hub(user)


def institution_in_network(institution, hub_id: int) -> bool:
    """An institution belongs to a hub's network: it is the hub itself, or the hub coaches it."""
    return institution is not None and (institution.pk == hub_id or institution.coaching_hub_id == hub_id)


def can_view_full_dashboard(user) -> bool:
    """The dashboard and benchmarking with every status (drafts, submissions): ministry staff only."""
    return is_ministry_staff(user)


def can_report_on_network(user) -> bool:
    """The network recap and subscriptions to it: ministry staff."""
    return is_ministry_staff(user)


def can_report_on_hub(user, hub_id: int) -> bool:
    """A hub's profile report (it holds the hub's drafts): its members and staff."""
    return is_ministry_staff(user) or hub_id in member_hub_ids(user)


def can_view_job(user, owner_id: int | None) -> bool:
    """A job's page and file (a report, an import): the user who asked for it, and staff."""
    return is_ministry_staff(user) or (getattr(user, "is_authenticated", False) and owner_id == user.pk)


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
