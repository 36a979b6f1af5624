"""Unique slugs for any model with a unique slug field: institutions, innovations, stories.

A slug comes from a text (a title, an acronym), is ASCII (URLs in e-mails and printed reports must
survive every client), leaves room within the field's max_length for a collision suffix ("-2",
"-3", ...), never equals a path word of the app's URLs, and falls back to a word of the model's own
when the text has no Latin letter or digit at all.

Choosing a free slug and inserting the row are two statements: two requests creating the same title
at once can both choose it. `SlugRule.save` lets the unique constraint settle that race: on an
IntegrityError caused by the slug it picks the next free one and saves again.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils.text import slugify

# Characters kept free at the end of the field for "-<n>", n up to nine digits.
SUFFIX_ROOM = 10
# Attempts SlugRule.save makes before letting the IntegrityError through: each lost race costs one.
SAVE_ATTEMPTS = 5
# SQLite limits the depth of an expression: a batch's prefixes are read a few hundred at a time.
_PREFIXES_PER_QUERY = 200


@dataclass(frozen=True)
class SlugRule:
    """How one model's slugs are made: `fallback` for a text that slugifies to nothing, `reserved`
    for the path words a slug must not shadow (such a base gets "-<fallback>" appended)."""

    model: type[models.Model]
    fallback: str
    reserved: frozenset[str] = field(default_factory=frozenset)
    field_name: str = "slug"

    @property
    def max_length(self) -> int:
        return self.model._meta.get_field(self.field_name).max_length

    def base(self, text: str) -> str:
        """The slug of `text` before any collision suffix."""
        base = slugify(text or "")[: self.max_length - SUFFIX_ROOM].strip("-") or self.fallback
        return f"{base}-{self.fallback}" if base in self.reserved else base

    def _taken(self, condition: Q, exclude_pk=None) -> set[str]:
        rows = self.model._default_manager.filter(condition)
        if exclude_pk is not None:
            rows = rows.exclude(pk=exclude_pk)
        return set(rows.values_list(self.field_name, flat=True))

    def unique(self, text: str, *, exclude_pk=None) -> str:
        """A slug for `text` that no other row has (`exclude_pk`: the row being renamed), in one query."""
        base = self.base(text)
        return _first_free(base, self._taken(Q(**{f"{self.field_name}__startswith": base}), exclude_pk))

    def unique_many(self, texts: Iterable[str]) -> list[str]:
        """The slugs `unique` would give these texts saved one after another, in few queries: the
        bases already taken, then every slug that starts with a base taken or repeated."""
        bases = [self.base(text) for text in texts]
        taken = self._taken(Q(**{f"{self.field_name}__in": set(bases)}))
        seen: set[str] = set()
        crowded: set[str] = set()
        for base in bases:
            if base in taken or base in seen:
                crowded.add(base)
            seen.add(base)
        crowded_list = sorted(crowded)
        for start in range(0, len(crowded_list), _PREFIXES_PER_QUERY):
            prefixes = Q()
            for base in crowded_list[start : start + _PREFIXES_PER_QUERY]:
                prefixes |= Q(**{f"{self.field_name}__startswith": base})
            taken |= self._taken(prefixes)
        slugs = []
        for base in bases:
            slug = _first_free(base, taken)
            taken.add(slug)
            slugs.append(slug)
        return slugs

    def save(self, instance: models.Model, text: str, save: Callable[[], None] | None = None) -> None:
        """Save `instance` (`save`, default `instance.save()`) with the slug it holds, or a unique one
        for `text` if it holds none; choose again when a concurrent insert took the slug between the
        choice and the save.

        Any other IntegrityError is raised as it is.
        """
        save = save or instance.save
        for attempt in range(SAVE_ATTEMPTS):
            slug = (attempt == 0 and getattr(instance, self.field_name)) or self.unique(text, exclude_pk=instance.pk)
            setattr(instance, self.field_name, slug)
            try:
                with transaction.atomic():
                    save()
                return
            except IntegrityError:
                lost_race = self._taken(Q(**{self.field_name: slug}), exclude_pk=instance.pk)
                if not lost_race or attempt == SAVE_ATTEMPTS - 1:
                    raise


def _first_free(base: str, taken: set[str]) -> str:
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
