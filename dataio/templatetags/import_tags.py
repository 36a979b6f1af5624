"""`{% load import_tags %}`: the export control of list pages."""

from django import template

register = template.Library()


@register.inclusion_tag("imports/_export_control.html", takes_context=True)
def export_control(context, list_name: str):
    """Links exporting exactly the page's filtered view (CSV, XLSX)."""
    return {"request": context["request"], "list_name": list_name}
