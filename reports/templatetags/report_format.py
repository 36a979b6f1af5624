"""Figures in report templates, in the report's language: `{% load report_format %}{{ n|count }}`.

Thin filters over reports.generators.formatting, so that PDFs, charts and pages format alike.
"""

from django import template

from reports.generators import formatting

register = template.Library()

register.filter("count", formatting.count)
register.filter("figure", formatting.figure)
register.filter("percent", formatting.percent)
register.filter("rupiah", formatting.rupiah)
register.filter("measure", formatting.measure)
