"""Template access to hubs.permissions predicates (the rule stays in the one permissions module)."""

from django import template

from jipp import permissions

register = template.Library()


@register.filter
def is_ministry_staff(user) -> bool:
    return permissions.is_ministry_staff(user)
