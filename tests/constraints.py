"""Assert that a write was refused by one named database constraint, on SQLite and on PostgreSQL.

A bare `pytest.raises(IntegrityError)` passes whichever constraint fires (or a NOT NULL, or a foreign
key), so a test of one rule could pass on another. The backends word the error differently:

- PostgreSQL names the constraint for CHECK and UNIQUE alike (`violates check constraint "name"`);
- SQLite names a CHECK (`CHECK constraint failed: name`) and an expression index
  (`UNIQUE constraint failed: index 'name'`), but for a UNIQUE over fields it lists the columns
  (`UNIQUE constraint failed: table.a, table.b`).

So the expected text is derived from the model's own constraint, and anchored, so that another
constraint over other columns does not match.
"""

import re

import pytest
from django.db import IntegrityError, connection
from django.db.models import CheckConstraint, UniqueConstraint


def _columns(model, fields) -> str:
    table = model._meta.db_table
    return ", ".join(f"{table}.{model._meta.get_field(name).column}" for name in fields)


def constraint_pattern(model, name: str) -> str:
    """The regular expression an IntegrityError from constraint `name` of `model` matches on this backend."""
    constraint = next((c for c in model._meta.constraints if c.name == name), None)
    if constraint is None:
        raise LookupError(f"{model.__name__} has no constraint named {name!r}")
    if connection.vendor == "postgresql":
        return rf'constraint "{re.escape(name)}"'
    if isinstance(constraint, CheckConstraint):
        return rf"^CHECK constraint failed: {re.escape(name)}$"
    if isinstance(constraint, UniqueConstraint) and constraint.fields:
        return rf"^UNIQUE constraint failed: {re.escape(_columns(model, constraint.fields))}$"
    return rf"^UNIQUE constraint failed: index '{re.escape(name)}'$"


def violates(model, name: str):
    """`with violates(Model, "constraint_name"):` passes only if that constraint refuses the write."""
    return pytest.raises(IntegrityError, match=constraint_pattern(model, name))


def violates_unique(model, *fields: str):
    """For a `unique=True` field (or primary key), whose constraint Django names itself."""
    if connection.vendor == "postgresql":
        # The detail line names the key: `Key (code)=(01) already exists.`
        columns = ", ".join(model._meta.get_field(name).column for name in fields)
        return pytest.raises(IntegrityError, match=rf"Key \({re.escape(columns)}\)=")
    return pytest.raises(IntegrityError, match=rf"^UNIQUE constraint failed: {re.escape(_columns(model, fields))}$")
