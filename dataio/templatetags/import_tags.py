"""`{% load import_tags %}`: the import menu entry and the export control of list pages."""

from django import template

from jipp import permissions

register = template.Library()


@register.filter
def can_import(user) -> bool:
    return permissions.can_import(user)


@register.inclusion_tag("imports/_export_control.html", takes_context=True)
def export_control(context, list_name: str):
    """Links exporting exactly the page's filtered view (CSV, XLSX)."""
    return {"request": context["request"], "list_name": list_name}
