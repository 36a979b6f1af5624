"""The API's JSON parser: DRF's, with a bound on nesting.

Python's json module recurses once per level, so a 2 KB body of a thousand nested brackets ends in
RecursionError, a 500. No field of the API nests deeper than a few levels; a body deeper than
MAX_DEPTH is refused as a parse error (400) before any serializer sees it.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32


def _too_deep(data, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        message = _("Data JSON bersarang terlalu dalam (paling banyak %(n)d tingkat).") % {"n": MAX_DEPTH}
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(message) from None
        if _too_deep(data, MAX_DEPTH):
            raise ParseError(message)
        return data
