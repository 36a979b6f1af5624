"""Who may do what, as data: one table of role x action x resource -> allowed, for the pages and the API.

tests/permissions/test_pages.py performs every cell through the HTML pages, test_api.py through
/api/v1/, and test_agreement.py holds the table to the predicates of jipp.permissions, which are the
rule: a page or an endpoint that disagrees with this table has a bug.

Every action is taken on a record of hub A: a draft (innovation or story; "draft" exactly, never
submitted), or, where the action says so, a published one. Replications have no draft: every one is
of a published innovation, so their rows are about a replication of a published innovation of hub A,
facilitated by hub A.

Roles:
- anonymous: a visitor who is not logged in;
- editor: an editor of hub A (HubMembership role "editor");
- admin: an admin of hub A;
- other_hub_admin: an admin of hub B, a member of another hub;
- staff: ministry staff (the group jipp.permissions.MINISTRY_STAFF_GROUP); they review and publish and
  may start a draft for any hub, but do not write a hub's content;
- read_only_token: the API only, a read-only API token of hub A's admin: it reads what the admin reads
  and writes nothing. On the pages this role does not exist (a browser session has no token), so its
  column is None for the actions the API does not offer and the page tests skip it.

Actions:
- view: open the record's detail (a draft's page; for a replication, its API resource);
- list: the record appears in its list (page or API list);
- create: start a new record for hub A;
- edit: save a change to a draft (to a replication, for replications);
- edit_published: save a change to a published record (live at once, without review);
- delete: delete a draft (replications are never deleted: every cell False, no route exists);
- submit: send a draft for review;
- review: start the review of a submitted record (the reviewer's first step; request revision and
  reject follow the same predicate);
- publish: publish a submitted record;
- import: upload a spreadsheet creating a record for hub A, and confirm it;
- export: the record is in the list export (CSV/XLSX) downloaded from the list page;
- report: request a report job about the record (the one-page innovation profile);
- history: the field-by-field change history of the record.

For the read actions (view, list, export) the request itself may succeed for everyone (a list is
public): "refused" then means the record is not in what comes back.

What a resource or a surface does not offer is left out of the table, or of that surface, explicitly:
NOT_APPLICABLE names what a resource has no such action for, PAGES and API what each surface offers.
"""

ROLES = ("anonymous", "editor", "admin", "other_hub_admin", "staff", "read_only_token")
PAGE_ROLES = ROLES[:-1]
ACTIONS = (
    "view",
    "list",
    "create",
    "edit",
    "edit_published",
    "delete",
    "submit",
    "review",
    "publish",
    "import",
    "export",
    "report",
    "history",
)
RESOURCES = ("innovation", "story", "replication")
# Actions that only read: the only ones a read-only token may take.
READS = frozenset({"view", "list", "export", "history"})

Y, _ = True, False
N = None  # no cell: the API does not offer the action, and the read-only token exists only there

# fmt: off
TABLE = {
    "innovation": {
        #                 anonymous editor admin other_hub_admin staff read_only_token
        "view":           (_, Y, Y, _, Y, Y),
        "list":           (_, Y, Y, _, Y, Y),
        "create":         (_, Y, Y, _, Y, _),
        "edit":           (_, Y, Y, _, _, _),
        "edit_published": (_, _, Y, _, _, _),
        "delete":         (_, Y, Y, _, _, _),
        "submit":         (_, _, Y, _, _, _),
        "review":         (_, _, _, _, Y, _),
        "publish":        (_, _, _, _, Y, _),
        "import":         (_, _, Y, _, Y, N),
        "export":         (_, Y, Y, _, Y, N),
        "report":         (_, Y, Y, _, Y, _),
        "history":        (_, _, _, _, Y, N),
    },
    "story": {
        #                 anonymous editor admin other_hub_admin staff read_only_token
        "view":           (_, Y, Y, _, Y, Y),
        "list":           (_, Y, Y, _, Y, Y),
        "create":         (_, Y, Y, _, Y, _),
        "edit":           (_, Y, Y, _, _, _),
        "edit_published": (_, _, Y, _, _, _),
        "delete":         (_, Y, Y, _, _, _),
        "submit":         (_, _, Y, _, _, _),
        "review":         (_, _, _, _, Y, _),
        "publish":        (_, _, _, _, Y, _),
        "import":         (_, _, Y, _, Y, N),
        "export":         (_, Y, Y, _, Y, N),
    },
    "replication": {
        #                 anonymous editor admin other_hub_admin staff read_only_token
        "view":           (Y, Y, Y, Y, Y, Y),
        "list":           (Y, Y, Y, Y, Y, Y),
        "create":         (_, _, Y, _, Y, _),
        "edit":           (_, _, Y, _, Y, _),
        "delete":         (_, _, _, _, _, _),
        "import":         (_, _, Y, _, Y, N),
        "export":         (Y, Y, Y, Y, Y, N),
        "history":        (_, _, _, _, Y, N),
    },
}
# fmt: on

NOT_APPLICABLE = {
    "story": {
        "report": "no report is about one story (the TPBIS impact report covers a programme)",
        "history": "no page or endpoint shows a story's change history (the admin site does)",
    },
    "replication": {
        "edit_published": "a replication has no draft: every change is to a live record (see edit)",
        "submit": "replications are not reviewed",
        "review": "replications are not reviewed",
        "publish": "replications are not reviewed",
        "report": "no report is about one replication",
    },
}

# What each surface offers. The API has no import, export or history endpoint (its lists are the
# export); the pages have no page of one replication (it shows in its innovation's page and the list).
PAGES = {
    "innovation": set(TABLE["innovation"]),
    "story": set(TABLE["story"]),
    "replication": set(TABLE["replication"]) - {"view"},
}
API = {resource: set(TABLE[resource]) - {"import", "export", "history"} for resource in RESOURCES}


def allowed(role: str, action: str, resource: str) -> bool | None:
    return TABLE[resource][action][ROLES.index(role)]


def cells(surface: dict, roles=ROLES) -> list[tuple[str, str, str, bool]]:
    """(resource, action, role, allowed) for every cell a surface offers."""
    return [
        (resource, action, role, allowed(role, action, resource))
        for resource in RESOURCES
        for action in ACTIONS
        if action in surface[resource]
        for role in roles
    ]


PAGE_CELLS = cells(PAGES, PAGE_ROLES)
API_CELLS = cells(API)


def cell_id(cell) -> str:
    resource, action, role, _allowed = cell
    return f"{resource}-{action}-{role}"
