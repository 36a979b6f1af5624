"""Who may do what, as data: the API is held to the pages' table (tests/innovations/matrix.py).

One table of expectations for the pages and the API (issue 5): this module only re-exports it in the
shape the API tests use. Both follow hubs.permissions: editors and admins of the record's hub see and
edit drafts; only admins submit and record replications; ministry staff review, publish and record
replications but do not write a hub's content; another hub's members and visitors do none of these.
"""

from tests.innovations.matrix import ACTIONS, EXPECTED, ROLES

__all__ = ["ACTIONS", "CELLS", "EXPECTED", "ROLES", "allowed"]


def allowed(role: str, action: str) -> bool:
    return EXPECTED[role][action]


CELLS = [(role, action) for role in ROLES for action in ACTIONS]
