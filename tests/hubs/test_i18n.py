"""The language switch: Indonesian by default, English after choosing it in the header."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HUB_LIST = reverse("hubs:hub_list")


def test_pages_are_indonesian_by_default(client):
    """Without a language choice, the hub list is in Indonesian ('Daftar hub', 'Beranda')."""
    html = client.get(HUB_LIST).content.decode()
    assert '<html lang="id">' in html
    assert '<h1 class="h2">Daftar hub</h1>' in html
    assert ">Beranda</a>" in html


def test_switching_to_english_translates_the_hub_list(client):
    """POST /i18n/setlang/ with language=en redirects back, and the hub list is then in English."""
    response = client.post(reverse("set_language"), {"language": "en", "next": HUB_LIST})
    assert response.status_code == 302
    assert response["Location"] == HUB_LIST

    html = client.get(HUB_LIST).content.decode()
    assert '<html lang="en">' in html
    assert '<h1 class="h2">Hub list</h1>' in html
    assert ">Home</a>" in html
    assert "Daftar hub" not in html


def test_switching_back_to_indonesian(client):
    """After English, choosing Bahasa Indonesia shows the Indonesian hub list again."""
    client.post(reverse("set_language"), {"language": "en", "next": HUB_LIST})
    client.post(reverse("set_language"), {"language": "id", "next": HUB_LIST})
    html = client.get(HUB_LIST).content.decode()
    assert '<html lang="id">' in html
    assert '<h1 class="h2">Daftar hub</h1>' in html


def test_header_offers_both_languages(client):
    """Every page's header has a form posting to set_language with a button for each language."""
    html = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="language" value="id"' in html
    assert 'name="language" value="en"' in html
