"""Validation shared by the services, beyond what a model's full_clean() checks."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def refuse_nul_characters(instance: models.Model) -> None:
    """Raise a field-keyed ValidationError if any text field of `instance` holds a NUL character.

    Form and API fields refuse NUL already; this covers every other caller of a service (imports,
    the shell, tasks). PostgreSQL cannot store NUL in text, so without it the save would be a 500.
    """
    errors = {}
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname, None)
            if isinstance(value, str) and "\x00" in value:
                errors[field.name] = ValidationError(_("Karakter null tidak diperbolehkan."), code="null_characters")
    if errors:
        raise ValidationError(errors)


def refuse_unknown_fields(data, allowed) -> None:
    """Raise a field-keyed ValidationError for every key of `data` that a service does not take.

    A service given a field it would not store must say so: silently dropping it hides a caller's
    mistake (a misspelt column in an import, a field the form never had).
    """
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValidationError(
            {name: ValidationError(_("Kolom ini tidak dapat diisi."), code="unknown_field") for name in unknown}
        )


# The range of a database id (bigint on PostgreSQL, INTEGER on SQLite): SQLite raises OverflowError,
# a 500, for a query parameter beyond it, where PostgreSQL simply finds nothing.
ID_MAX = 2**63 - 1


def as_record_id(value) -> int | None:
    """`value` (e.g. a query parameter) as a positive record id, or None when it cannot be one."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= ID_MAX else None
