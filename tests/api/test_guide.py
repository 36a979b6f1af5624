"""docs/api.md names only filters that exist: every query parameter in its curl examples is a filter of
the list's FilterSet (the pages' own), or one of the API's list parameters."""

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from hubs.api.filtersets import HubApiFilterSet
from innovations.filtersets.innovation import InnovationFilterSet, ReplicationFilterSet
from stories.filtersets import ImpactStoryFilterSet

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "api.md"
LIST_PARAMETERS = {"page", "page_size", "cursor", "paging", "fields", "brief"}
FILTERSETS = {
    "hubs": HubApiFilterSet,
    "innovations": InnovationFilterSet,
    "replications": ReplicationFilterSet,
    "stories": ImpactStoryFilterSet,
}


def _examples():
    for url in re.findall(r'"\$BASE(/api/v1/[^"]+)"', GUIDE.read_text()):
        parts = urlsplit(url)
        resource = parts.path.strip("/").split("/")[2]
        if parts.query and resource in FILTERSETS:
            yield resource, [name for name, _ in parse_qsl(parts.query)]


EXAMPLES = list(_examples())


def test_the_guide_has_filter_examples_for_innovations_and_stories():
    assert {"innovations", "stories"} <= {resource for resource, _ in EXAMPLES}


@pytest.mark.parametrize(("resource", "names"), EXAMPLES)
def test_every_filter_in_the_guide_exists(resource, names):
    known = set(FILTERSETS[resource].base_filters) | LIST_PARAMETERS
    assert set(names) <= known, sorted(set(names) - known)
