"""`{% load bilingual %}{{ story|localized:"title" }}`: content stored in two languages (a field and its
English twin), in the page's language, by the one rule of jipp.i18n.localized."""

from django import template

from jipp.i18n import localized

register = template.Library()

register.filter("localized", localized)
