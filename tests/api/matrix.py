"""Who may do what, as data: the same roles and actions as the pages' matrix (tests/innovations/matrix.py).

The API tests read this table; when both matrices exist, one should import the other so that the
pages and the API are held to one table of expectations.
"""

ROLES = ["anonymous", "other_hub", "editor", "admin", "staff"]
ACTIONS = ["view_draft", "edit", "submit", "review", "publish", "record_replication"]

EXPECTED = {
    "anonymous": set(),
    "other_hub": set(),
    "editor": {"view_draft", "edit"},
    "admin": {"view_draft", "edit", "submit", "record_replication"},
    "staff": {"view_draft", "review", "publish", "record_replication"},
}


def allowed(role: str, action: str) -> bool:
    return action in EXPECTED[role]


CELLS = [(role, action) for role in ROLES for action in ACTIONS]
