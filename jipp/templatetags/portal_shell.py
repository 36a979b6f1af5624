"""`{% load portal_shell %}`: what the page shell (header, account menu) asks of the core's permissions.

The rules stay in jipp.permissions; these filters only let the templates ask them.
"""

from django import template

from jipp import permissions

register = template.Library()


@register.filter
def can_view_security_events(user) -> bool:
    return permissions.can_view_security_events(user)


@register.filter
def can_review(user) -> bool:
    """The review queue: whoever may review some record."""
    return permissions.can_review(user)


@register.filter
def can_import(user) -> bool:
    return permissions.can_import(user)


@register.simple_tag
def active_filter_count(form) -> int:
    """How many of a bound filter form's fields hold a value (the folded filter panel shows it)."""
    if not form.is_bound:
        return 0
    count = 0
    for field in form:
        value = field.value()
        if isinstance(value, list | tuple):
            value = [v for v in value if v not in (None, "")]
        if value not in (None, "", []):
            count += 1
    return count
