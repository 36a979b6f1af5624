"""Kept only for the permission-matrix tests (tests/innovations/test_permissions.py), which import from
here while they are rewritten elsewhere: every other test imports tests.factories.innovations
directly. Delete this module once the matrix tests import from tests.factories."""

from tests.factories.innovations import eligible

__all__ = ["eligible"]
