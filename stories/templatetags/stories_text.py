"""Stored two-language content and indicator units in the page's language:
`{% load stories_text %}{{ measurement|localized:"note" }} {{ indicator.unit|unit_label }}`."""

from django import template

from jipp.i18n import localized
from stories.units import unit_label

register = template.Library()

register.filter("localized", localized)
register.filter("unit_label", unit_label)
