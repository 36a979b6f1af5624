"""The permission matrix of innovations, as data: (role, action) -> allowed.

Roles: a visitor who is not logged in, an admin of another hub, an editor and an admin of the
innovation's hub, and ministry staff. Actions are taken on an innovation of hub A:

- create: start a draft for hub A;
- view_draft: open the page of a draft;
- edit: save a change to a draft;
- edit_published: save a change to a published innovation (live at once, without review);
- submit: submit an eligible draft for review;
- review: start the review of a submitted innovation;
- publish: publish a submitted innovation;
- record_replication: record a replication of a published innovation, facilitated by hub A.

Ministry staff review and publish; they may start a draft for any hub (recording on its behalf, as
imports allow) but not change a hub's drafts. The API tests reuse this table.
"""

ROLES = ["anonymous", "other_hub_member", "editor", "admin", "staff"]
ACTIONS = ["create", "view_draft", "edit", "edit_published", "submit", "review", "publish", "record_replication"]

_ = False
Y = True

EXPECTED = {
    #                     create view_draft edit edit_published submit review publish record_replication
    "anonymous": dict(zip(ACTIONS, [_, _, _, _, _, _, _, _], strict=True)),
    "other_hub_member": dict(zip(ACTIONS, [_, _, _, _, _, _, _, _], strict=True)),
    "editor": dict(zip(ACTIONS, [Y, Y, Y, _, _, _, _, _], strict=True)),
    "admin": dict(zip(ACTIONS, [Y, Y, Y, Y, Y, _, _, Y], strict=True)),
    "staff": dict(zip(ACTIONS, [Y, Y, _, _, _, Y, Y, Y], strict=True)),
}

CELLS = [(role, action, EXPECTED[role][action]) for role in ROLES for action in ACTIONS]
