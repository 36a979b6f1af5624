"""What one visitor's request may leave for another: renderings kept in the server's cache (the public
page cache of jipp.cache) and responses a shared cache (a proxy, a CDN) may keep.

Every page and API list the page cache may store is rendered for signed-in roles and for anonymous
visitors over stories that name people without consent (sentinel names), a draft story and a draft
innovation linked from a published story. Whatever ends up in the cache, and every response a
shared cache may keep (Cache-Control `public`), must hold no CSRF token, no member-only action and
no name or draft the public may not see.
"""

import pickle
import re

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from innovations.models import Innovation
from jipp.api.mixins import PublicListCacheMixin
from jipp.cache import PublicCacheMixin
from stories.services import story_photo_add
from tests.factories.stories import ImpactStoryFactory, ProgrammeFactory, photo_upload

pytestmark = pytest.mark.django_db

# Names stored without consent, and titles of drafts: none may reach a rendering shared between visitors.
SENTINEL_GIVEN, SENTINEL_FAMILY = "Sentinelia", "Rahasiawati"
DRAFT_STORY_TITLE = "Kisah draf tersembunyi"
DRAFT_INNOVATION_TITLE = "Inovasi draf tersembunyi"
SIGNED_IN_ROLES = ("editor", "admin", "other", "staff")


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def publicly_cached_routes() -> set[str]:
    """URL names whose GET rendering the public page cache may store: pages built on
    PublicCacheMixin, and the list action of API viewsets built on PublicListCacheMixin."""
    names = set()
    for name, pattern in _walk(get_resolver().url_patterns):
        callback = pattern.callback
        view_class = getattr(callback, "view_class", None)
        if view_class is not None and issubclass(view_class, PublicCacheMixin):
            names.add(name)
        viewset = getattr(callback, "cls", None)
        actions = getattr(callback, "actions", None) or {}
        if viewset is not None and issubclass(viewset, PublicListCacheMixin) and actions.get("get") == "list":
            names.add(name)
    return names


@pytest.fixture
def sentinel_world(world):
    """Stories of hub A naming a person without consent: one with a photo under photo consent, one
    linked to a draft innovation, and a draft."""
    programme = ProgrammeFactory(tpbis=True, hub=world.hub_a, slug="tpbis")
    name = f"{SENTINEL_GIVEN} {SENTINEL_FAMILY}"
    common = {"programme": programme, "hub": world.hub_a, "beneficiary_name": name, "consent_name_public": False}
    with_photo = ImpactStoryFactory(title="Kisah terbit berfoto", consent_photo_public=True, **common)
    story_photo_add(story=with_photo, user=world.admin, file=photo_upload())
    draft_innovation = Innovation.objects.create(
        institution=world.coached_a, hub=world.hub_a, title=DRAFT_INNOVATION_TITLE, slug="inovasi-draf-tersembunyi"
    )
    linked = ImpactStoryFactory(title="Kisah terbit bertaut", innovation=draft_innovation, **common)
    draft = ImpactStoryFactory(title=DRAFT_STORY_TITLE, status="draft", **common)
    return {"programme": programme, "with_photo": with_photo, "linked": linked, "draft": draft, "world": world}


def _addresses(sentinel_world) -> list[str]:
    """Every publicly cached route, plain and searched. Routes with arguments take them from the
    sentinel world; a new one without an entry in `kwargs` makes reverse() fail, so that no cached
    route escapes this test."""
    world = sentinel_world["world"]
    kwargs = {"hubs:hub_detail": {"slug": world.hub_a.slug}, "stories:programme_detail": {"slug": "tpbis"}}
    addresses = []
    for name in sorted(publicly_cached_routes()):
        url = reverse(name, kwargs=kwargs.get(name))
        addresses += [url, f"{url}?q=Kisah"]
    return addresses


def _member_only_markers(sentinel_world) -> list[str]:
    """Links and form targets of actions only members or staff are offered (create, edit, erase,
    review, workflow, change history, imports), as they appear in an attribute: `"<address>`."""
    story = sentinel_world["linked"]
    innovation = Innovation.objects.get(title=DRAFT_INNOVATION_TITLE)
    exact = [
        reverse("stories:story_create"),
        reverse("stories:story_edit", args=[story.slug]),
        reverse("stories:story_erase", args=[story.slug]),
        reverse("innovations:innovation_create"),
        reverse("innovations:review_queue"),
        reverse("innovations:innovation_edit", args=[innovation.slug]),
        reverse("innovations:innovation_history", args=[innovation.slug]),
        reverse("imports:import_home"),
        reverse("stories:story_submit", args=[story.slug]),
        reverse("stories:story_review", args=[story.slug]),
    ]
    return [f'"{url}"' for url in exact]


def _leaks(text: str, markers: list[str]) -> list[str]:
    """What of the forbidden content `text` holds."""
    found = [
        word for word in (SENTINEL_GIVEN, SENTINEL_FAMILY, DRAFT_STORY_TITLE, DRAFT_INNOVATION_TITLE) if word in text
    ]
    if "csrfmiddlewaretoken" in text or "csrftoken" in text:
        found.append("a CSRF token")
    if re.search(r"<form[^>]*method=[\"']?post", text, re.IGNORECASE):
        found.append("a POST form")
    found += [f"the action {marker}" for marker in markers if marker in text]
    return found


def _stored_renderings() -> dict[str, str]:
    """Everything the cache holds now, as text (the test settings' cache is in process memory)."""
    backend = cache._cache if hasattr(cache, "_cache") else None
    assert isinstance(backend, dict), "this test reads the local-memory cache of the test settings"
    stored = {}
    for key, raw in list(backend.items()):
        value = pickle.loads(raw)  # noqa: S301 - the test's own in-process cache
        stored[key] = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return stored


def _login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


def test_every_publicly_cached_route_is_covered():
    """The pages and API lists this test renders are found from the views, not listed by hand."""
    routes = publicly_cached_routes()
    for name in ("stories:story_list", "stories:programme_detail", "hubs:hub_detail", "api:impactstory-list"):
        assert name in routes


def test_no_shared_rendering_holds_a_token_an_action_or_an_unconsented_name(client, sentinel_world):
    """Signed-in roles render every cacheable page first, then anonymous visitors twice (rendered,
    then served from the cache): nothing stored, and nothing a shared cache may keep, leaks."""
    world = sentinel_world["world"]
    addresses = _addresses(sentinel_world)
    markers = _member_only_markers(sentinel_world)
    shared_responses = {}
    for role in (*SIGNED_IN_ROLES, None, None):
        _login(client, getattr(world, role) if role else None)
        for url in addresses:
            response = client.get(url)
            # Some lists are for signed-in clients only (memberships): a refusal is stored nowhere either.
            assert response.status_code in (200, 401, 403), (role, url)
            if "public" in response.get("Cache-Control", ""):
                shared_responses[f"{role} {url}"] = response.content.decode()
            if role is None:
                # What anonymous visitors get is what any visitor may be handed from the cache.
                shared_responses[f"anonymous {url}"] = response.content.decode()
    stored = _stored_renderings()
    # The cache is on (the test settings share it): the anonymous renderings were stored.
    assert any("template.cache." in key or "jipp:public:" in key for key in stored)
    leaks = {key: found for key, text in stored.items() if (found := _leaks(text, markers))}
    assert leaks == {}
    # The whole anonymous page carries the language switch's CSRF token: only the cached fragment
    # and the API JSON must be clean, so the page itself is checked for names and actions only.
    page_leaks = {
        key: [f for f in _leaks(text, markers) if f not in ("a CSRF token", "a POST form")]
        for key, text in shared_responses.items()
    }
    assert {key: found for key, found in page_leaks.items() if found} == {}


def test_a_signed_in_visit_of_a_cached_page_stores_nothing(client, sentinel_world):
    """Members see full names and their actions on the same addresses: none of that is stored."""
    world = sentinel_world["world"]
    cache.clear()
    for role in SIGNED_IN_ROLES:
        _login(client, getattr(world, role))
        for url in _addresses(sentinel_world):
            client.get(url)
    assert [key for key in _stored_renderings() if "pc:" in key] == []


def test_members_do_see_what_the_shared_renderings_leave_out(client, sentinel_world):
    """The sentinels are really on the pages for those who may see them: the checks above can fail."""
    world = sentinel_world["world"]
    _login(client, world.editor)
    page = client.get(reverse("stories:story_list")).content.decode()
    assert f"{SENTINEL_GIVEN} {SENTINEL_FAMILY}" in page and DRAFT_STORY_TITLE in page
    assert reverse("stories:story_create") in page


# --- Cache-Control -------------------------------------------------------------------------------------


def _photo_url(story):
    return reverse("stories:story_photo", args=[story.slug, story.photos.get().pk])


def test_every_page_and_api_answer_is_private_no_store(client, sentinel_world):
    """Pages and API answers depend on the viewer: no shared cache may keep one, for anyone."""
    world = sentinel_world["world"]
    story = sentinel_world["linked"]
    pages = [
        *_addresses(sentinel_world),
        reverse("home"),
        reverse("stories:story_detail", args=[story.slug]),
        reverse("api:impactstory-detail", args=[story.pk]),
        reverse("hubs:benchmark"),
    ]
    for role in (None, "editor", "staff"):
        _login(client, getattr(world, role) if role else None)
        for url in pages:
            response = client.get(url)
            assert response["Cache-Control"] == "private, no-store", (role, url, response.status_code)


def test_only_a_published_consented_photo_is_public(client, sentinel_world):
    world = sentinel_world["world"]
    with_photo = sentinel_world["with_photo"]
    assert client.get(_photo_url(with_photo))["Cache-Control"] == "public, no-cache"

    # The hub's editor sees photos without consent (and of a draft): personal to them.
    no_consent = ImpactStoryFactory(
        programme=sentinel_world["programme"], hub=world.hub_a, title="Tanpa izin foto", consent_photo_public=False
    )
    story_photo_add(story=no_consent, user=world.admin, file=photo_upload())
    draft = sentinel_world["draft"]
    draft.consent_photo_public = True
    draft.save(update_fields=["consent_photo_public"])
    story_photo_add(story=draft, user=world.admin, file=photo_upload())
    _login(client, world.editor)
    for story in (no_consent, draft):
        response = client.get(_photo_url(story))
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
