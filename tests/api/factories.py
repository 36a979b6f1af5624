"""Kept only for the permission-matrix tests (tests/api/test_matrix.py), which import from here while
they are rewritten elsewhere: every other test imports tests.factories.hubs directly. Delete this
module once the matrix tests import from tests.factories."""

from tests.factories.hubs import InstitutionFactory

__all__ = ["InstitutionFactory"]
