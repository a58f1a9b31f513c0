import pytest
from django.urls import reverse

from search.queries import Search
from tests.standards.factories import CommitteeFactory, StandardFactory


@pytest.fixture
def found(db):
    """The titles a query finds, best first."""

    def titles(query, **facets):
        search = Search(query, **facets)
        return [entry.title for entry in search[0:100]]

    return titles


@pytest.fixture
def search_page(client):
    def get(**query):
        return client.get(reverse("search:search"), query)

    return get


@pytest.fixture
def swapping_group(db):
    """The drafting group the seed names, with a public standard of its own."""
    group = CommitteeFactory(
        name="电动商用车换电标准起草组",
        short_name="电动商用车换电标准起草组",
        kind="drafting_group",
    )
    StandardFactory(committee=group, title="电动商用车换电安全要求", is_public=True, number="")
    return group
