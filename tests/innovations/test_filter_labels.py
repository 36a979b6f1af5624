"""The innovation and replication lists' selects open on an explicit "Semua" choice, never "---------"."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _first_options(html: str) -> dict:
    return dict(re.findall(r'<select name="([^"]+)"[^>]*>\s*<option value=""[^>]*>([^<]*)</option>', html, re.S))


def test_innovation_list_selects_offer_all(client, world):
    client.force_login(world.staff)  # staff see the status select too
    html = client.get(reverse("innovations:innovation_list")).content.decode()
    firsts = _first_options(html)
    for name in ["hub", "institution", "province", "category", "sdg", "stage", "innovation_type", "award", "status"]:
        assert firsts.get(name) == "Semua", name
    assert firsts.get("ordering") == "Urutan bawaan"
    assert "---------" not in html


def test_replication_list_selects_offer_all(client, world):
    html = client.get(reverse("innovations:replication_list")).content.decode()
    firsts = _first_options(html)
    for name in ["facilitating_hub", "adopter", "province", "stage"]:
        assert firsts.get(name) == "Semua", name
    assert "---------" not in html
