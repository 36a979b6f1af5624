"""Fixtures shared by the whole suite (pytest-django; settings jipp.settings.test, see pyproject.toml)."""

import pytest

from hubs.services import reference_seed


@pytest.fixture
def seeded(db):
    """The database as `seed_reference` leaves it: 38 provinces, 514 regencies, the sourced cohorts and hubs.

    Function-scoped on purpose (about 0.3 s): each test gets it fresh, and tests that need an empty
    registry are not affected by it.
    """
    return reference_seed()
