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
