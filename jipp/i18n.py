"""Content stored in two languages: a field and its English twin (`name` / `name_en`).

One rule for every surface: in English, the English twin when it is filled, else the Indonesian
text (the registry's language of record).
"""

from django.utils.translation import get_language


def localized(obj, field: str = "name") -> str:
    """`obj.<field>_en` when the active language is English and it is not empty, else `obj.<field>`.

    `obj` is a model instance or a dict of values (cached figures)."""
    read = obj.get if isinstance(obj, dict) else lambda name, default="": getattr(obj, name, default)
    if (get_language() or "").startswith("en"):
        english = read(f"{field}_en", "")
        if english:
            return english
    return read(field, "")
