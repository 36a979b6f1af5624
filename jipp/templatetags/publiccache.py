"""`{% publiccache key %}…{% endpubliccache %}`: a fragment cached for anonymous visitors (jipp.pagecache).

`key` comes from the view (jipp.pagecache.public_key); when it is empty (a signed-in user, or the
cache turned off) the fragment is rendered as if the tag were not there. The view must leave the
fragment's expensive reads lazy (querysets, callables), so that a cached fragment costs no query.
"""

from django import template
from django.utils.safestring import mark_safe

from jipp import pagecache

register = template.Library()


class PublicCacheNode(template.Node):
    def __init__(self, nodelist, key):
        self.nodelist = nodelist
        self.key = key

    def render(self, context):
        key = self.key.resolve(context)
        cached = pagecache.get(key)
        if cached is not None:
            return mark_safe(cached)  # noqa: S308 (our own rendering, stored as it was produced)
        rendered = self.nodelist.render(context)
        pagecache.put(key, str(rendered))
        return rendered


@register.tag
def publiccache(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("usage: {% publiccache key %}…{% endpubliccache %}")
    nodelist = parser.parse(("endpubliccache",))
    parser.delete_first_token()
    return PublicCacheNode(nodelist, parser.compile_filter(bits[1]))
