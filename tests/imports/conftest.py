"""Fixtures of the import/export tests: private storage per test, Celery eager (the world is tests/conftest.py's)."""

import pytest


@pytest.fixture(autouse=True)
def _isolated(isolated_files, eager_celery):
    """Every import test keeps its files to itself and runs its tasks in-process."""
