"""The API's table of expectations (tests/api/matrix.py) agrees with the pages' (tests/innovations/matrix.py)."""

import importlib.util
from pathlib import Path

import pytest

from .matrix import ACTIONS, CELLS, ROLES, allowed

PAGES_MATRIX = Path(__file__).resolve().parent.parent / "innovations" / "matrix.py"


@pytest.mark.skipif(not PAGES_MATRIX.exists(), reason="the pages' matrix is written on another branch")
def test_api_matrix_agrees_with_the_pages_matrix():
    spec = importlib.util.spec_from_file_location("pages_matrix", PAGES_MATRIX)
    pages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pages)
    assert list(pages.ROLES) == ROLES
    assert set(pages.ACTIONS) >= set(ACTIONS)
    if hasattr(pages, "allowed"):
        pages_allowed = pages.allowed
    else:
        expected = {role: set(actions) for role, actions in pages.EXPECTED.items()}

        def pages_allowed(role, action):
            return action in expected[role]

    disagreements = [(role, action) for role, action in CELLS if pages_allowed(role, action) != allowed(role, action)]
    assert disagreements == []
