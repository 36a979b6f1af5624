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
