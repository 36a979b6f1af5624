"""Indicator units in the page's language: `{% load stories_text %}{{ indicator.unit|unit_label }}`
(stored two-language content goes through the core's `bilingual` library)."""

from django import template

from stories.units import unit_label

register = template.Library()

register.filter("unit_label", unit_label)
