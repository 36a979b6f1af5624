"""The portal works offline: no template or stylesheet of ours loads an asset from another host.

Links a user follows (`<a href="https://…">`) are fine; what is refused is anything the browser fetches
by itself: scripts, stylesheets, images, frames, media, fonts and CSS `url()` / `@import`.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATE_DIRS = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
OWN_CSS_DIR = Path(settings.BASE_DIR) / "static" / "css"

# An absolute or protocol-relative URL: http://, https:// or //host.
_EXTERNAL = r"""(?:https?:)?//[^\s"'>]+"""
# Elements whose URL attribute the browser fetches without a click.
_ASSET_TAG = re.compile(
    r"<(?P<tag>script|link|img|iframe|frame|source|track|video|audio|embed|object|input|image|use)\b[^>]*?"
    rf"""\s(?:src|href|srcset|data|poster|xlink:href)\s*=\s*["']?\s*(?P<url>{_EXTERNAL})""",
    re.IGNORECASE | re.DOTALL,
)
_CSS_URL = re.compile(
    rf"""(?:url\(\s*["']?|@import\s+["'])\s*(?P<url>{_EXTERNAL})""",
    re.IGNORECASE,
)


def external_assets(text):
    """Every external asset URL that a template or stylesheet would make the browser fetch."""
    return [m.group("url") for m in _ASSET_TAG.finditer(text)] + [m.group("url") for m in _CSS_URL.finditer(text)]


def _files():
    for directory in TEMPLATE_DIRS:
        yield from sorted(p for p in directory.rglob("*") if p.is_file())
    yield from sorted(OWN_CSS_DIR.rglob("*.css"))


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.8/dist/js/bootstrap.bundle.min.js"></script>',
        '<link rel="stylesheet" href="https://unpkg.com/htmx.org/dist/htmx.css">',
        "<link href='//fonts.googleapis.com/css?family=Inter' rel=stylesheet>",
        '<img class="logo"\n     src="http://example.com/logo.png" alt="">',
        '<style>@import "https://fonts.googleapis.com/css2?family=Inter";</style>',
        "body { background: url(https://example.com/bg.png); }",
    ],
)
def test_detector_finds_external_assets(snippet):
    """The check itself recognises a CDN script, stylesheet, font, image and CSS url()/@import."""
    assert external_assets(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        "<script src=\"{% static 'vendor/htmx/htmx.min.js' %}\"></script>",
        '<a href="https://menpan.go.id/" rel="noopener">KemenPANRB</a>',
        '<a href="{{ hub.website }}">situs</a>',
        "background: url(../img/logo.svg);",
    ],
)
def test_detector_allows_local_assets_and_plain_links(snippet):
    """Vendored files through {% static %}, relative CSS URLs and ordinary links are not flagged."""
    assert external_assets(snippet) == []


def test_there_are_templates_to_check():
    """The walk finds the portal's templates (a wrong path would make the check below vacuous)."""
    names = {p.name for p in _files()}
    assert {"base.html", "hub_list.html"} <= names


def test_no_template_or_stylesheet_loads_an_external_asset():
    """No file under templates/ or static/css/ loads an http(s):// or //host asset."""
    offenders = {
        str(path.relative_to(settings.BASE_DIR)): urls
        for path in _files()
        if (urls := external_assets(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, "vendor these under static/vendor/ and load them with {% static %}"
